; The Windows installer of cnscd, built by packaging/build.sh with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DSRC=<folder with cnscd.exe> -DOUTFILE=<setup.exe> installer.nsi
; Per user, without administrator rights, into the user's programs folder; Start-menu
; and desktop shortcuts in Vietnamese; an uninstaller that removes the program and never
; the commune's data (which lives in %APPDATA%\cnscd); /S for a silent install or
; uninstall; installing over an older version replaces the program only.

; A 64-bit installer for a 64-bit program (and wine64 runs it without a 32-bit wine).
Target amd64-unicode
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is required (-DVERSION=x.y.z)"
!endif
!ifndef SRC
  !error "SRC is required (-DSRC=folder holding cnscd.exe)"
!endif
!ifndef OUTFILE
  !define OUTFILE "cnscd-${VERSION}-windows-x64-setup.exe"
!endif
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif

!define APPNAME "Quản lý Tổ công nghệ số cộng đồng"
!define REGKEY "Software\cnscd"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cnscd"

Name "${APPNAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\cnscd"
InstallDirRegKey HKCU "${REGKEY}" "InstallDir"
BrandingText "cnscd ${VERSION}"

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APPNAME}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "${SRC}\cnscd.ico"
!define MUI_UNICON "${SRC}\cnscd.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\cnscd.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString DataKept ${LANG_VIETNAMESE} "Chương trình đã được gỡ. Dữ liệu của xã (cơ sở dữ liệu, các bản sao lưu, văn bản đã in) vẫn được giữ nguyên trong thư mục $APPDATA\cnscd; cài lại chương trình sẽ dùng tiếp dữ liệu này."
LangString DataKept ${LANG_ENGLISH} "The program was removed. The commune's data (database, backups, printed documents) is kept in $APPDATA\cnscd; installing the program again continues with it."

Section "cnscd" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Only the program's own files: the data folder is elsewhere and never touched.
  File "${SRC}\cnscd.exe"
  File "${SRC}\cnscd.ico"
  File "${SRC}\README.txt"
  File "${SRC}\LICENSE-LiberationSerif.txt"
  File "${SRC}\LICENSE-CNSCDSans.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\cnscd.exe" "" "$INSTDIR\cnscd.ico" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\cnscd.exe" "" "$INSTDIR\cnscd.ico" 0

  WriteRegStr HKCU "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REGKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\cnscd.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "cnscd"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\cnscd.exe"
  Delete "$INSTDIR\cnscd.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE-LiberationSerif.txt"
  Delete "$INSTDIR\LICENSE-CNSCDSans.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${REGKEY}"
  ; The data in $APPDATA\cnscd stays: say so (not in silent mode).
  IfSilent +2
  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)"
SectionEnd
