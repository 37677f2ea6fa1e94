; Per-role shortcuts for the Windows installer (electron-builder nsis.include).
; Each role of terminal on this PC has its own terminal config (hub address, device id, token),
; written at enrolment to %ProgramData%\motcua\<role>.json; the shortcut starts the app with it.

!macro customInstall
  CreateDirectory "$SMPROGRAMS\Một Cửa"
  CreateShortCut "$SMPROGRAMS\Một Cửa\Kiosk lấy số.lnk" "$INSTDIR\motcua.exe" "--config=$\"$COMMONPROGRAMDATA\motcua\kiosk.json$\""
  CreateShortCut "$SMPROGRAMS\Một Cửa\Máy quầy.lnk" "$INSTDIR\motcua.exe" "--config=$\"$COMMONPROGRAMDATA\motcua\counter.json$\""
  CreateShortCut "$SMPROGRAMS\Một Cửa\Màn hình phòng chờ.lnk" "$INSTDIR\motcua.exe" "--config=$\"$COMMONPROGRAMDATA\motcua\display.json$\""
!macroend

!macro customUnInstall
  Delete "$SMPROGRAMS\Một Cửa\Kiosk lấy số.lnk"
  Delete "$SMPROGRAMS\Một Cửa\Máy quầy.lnk"
  Delete "$SMPROGRAMS\Một Cửa\Màn hình phòng chờ.lnk"
  RMDir "$SMPROGRAMS\Một Cửa"
!macroend
