/* A stand-in for bcryptprimitives.dll under wine 8, which lacks ProcessPrng (Rust's
   standard library asks it for random bytes since Rust 1.78; Windows 10 has it). Used
   only by packaging/test/windows.sh, never installed on a real PC. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) {
            return FALSE;
        }
        data += n;
        length -= n;
    }
    return TRUE;
}
