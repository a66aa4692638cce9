//! On Windows targets, compiles the program's resources (icon, version information in
//! Vietnamese, manifest) with the resource compiler (mingw's `windres`, or `WINDRES`)
//! and links them into `cnscd.exe`. Other targets need nothing.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/cnscd.ico");
    println!("cargo:rerun-if-changed=packaging/windows/cnscd.exe.manifest");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!("cargo:warning=resources (icon, version) are compiled for the gnu target only");
        return;
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    let version = env::var("CARGO_PKG_VERSION").expect("cargo sets it");
    let mut parts: Vec<u32> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(4, 0);
    let numeric = parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let path = |p: &str| root.join(p).display().to_string().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
#include <winver.h>
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042A04B0"
    BEGIN
      VALUE "FileDescription", "Quản lý Tổ công nghệ số cộng đồng"
      VALUE "ProductName", "cnscd — Quản lý Tổ công nghệ số cộng đồng"
      VALUE "FileVersion", "{version}"
      VALUE "ProductVersion", "{version}"
      VALUE "InternalName", "cnscd"
      VALUE "OriginalFilename", "cnscd.exe"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042A, 1200
  END
END
"#,
        icon = path("assets/icons/cnscd.ico"),
        manifest = path("packaging/windows/cnscd.exe.manifest"),
    );
    let rc_path = out.join("cnscd.rc");
    std::fs::write(&rc_path, rc).expect("write the resource script");
    let obj = out.join("cnscd-resources.o");
    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".into()
        } else {
            "x86_64-w64-mingw32-windres".into()
        }
    });
    let status = Command::new(&windres)
        .args(["-c", "65001", "-O", "coff", "-i"])
        .arg(&rc_path)
        .arg("-o")
        .arg(&obj)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", obj.display());
        }
        Ok(s) => panic!("{windres} failed ({s}) on {}", rc_path.display()),
        Err(e) => panic!(
            "{windres} not found ({e}): install gcc-mingw-w64-x86-64 (Debian) or set WINDRES"
        ),
    }
}
