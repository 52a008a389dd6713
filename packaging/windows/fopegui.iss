; fopegui — Windows installer (Inno Setup 6.3 or later). Packs the PyInstaller one-folder build.
;
;   py packaging\make_icons.py                                 (build\icons\fopegui.ico)
;   py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\fopegui.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\fopegui.iss      (output: dist\installer\)
;
; Installs per user (no admin) or for all users (the user chooses), adds a Start menu entry,
; an optional desktop icon, and registers .eml/.msg: fopegui always appears under
; "Open with"; the "make default" tasks also point the extensions at it. Mailboxes (.mbox,
; .pst, .ost: the triage window) are only offered under "Open with"; Outlook keeps .pst. Windows 10/11
; keep the user's own choice (UserChoice) above ours, as they should: there the user
; confirms once in "Open with" or Settings > Default apps, where fopegui is listed.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "fopegui"
#define AppExe "fopegui.exe"
#define Root "..\.."

[Setup]
AppId={{6F1E0B7C-3D52-4C8A-9A41-0F0E6A5B2C17}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The fopegui authors
AppComments=Why was this message filtered? Microsoft FOPE / EOP header analysis and DNS blacklist checks
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
LicenseFile={#Root}\LICENSE
SetupIconFile={#Root}\build\icons\fopegui.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#Root}\dist\installer
OutputBaseFilename=fopegui-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
en.AssocGroup=File associations:
ja.AssocGroup=ファイルの関連付け:
en.AssocEml=Open .eml e-mail messages with fopegui by default
ja.AssocEml=.eml メールメッセージを既定で fopegui で開く
en.AssocMsg=Open .msg Outlook messages with fopegui by default
ja.AssocMsg=.msg Outlook メッセージを既定で fopegui で開く
en.EmlType=E-mail message (fopegui)
ja.EmlType=電子メールメッセージ (fopegui)
en.MsgType=Outlook message (fopegui)
ja.MsgType=Outlook メッセージ (fopegui)
en.MailboxType=Mailbox (fopegui)
ja.MailboxType=メールボックス (fopegui)
en.AppDescription=Header analysis for Microsoft FOPE / Exchange Online Protection and DNS blacklist checks
ja.AppDescription=Microsoft FOPE / Exchange Online Protection のヘッダー解析と DNS ブラックリスト確認

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "assoceml"; Description: "{cm:AssocEml}"; GroupDescription: "{cm:AssocGroup}"; Flags: unchecked
; Outlook normally owns .msg; still off by default so we never take it silently.
Name: "assocmsg"; Description: "{cm:AssocMsg}"; GroupDescription: "{cm:AssocGroup}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\fopegui\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppDescription}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKLM for an all-users install, HKCU for a per-user one.
; ProgIDs: what "open" does for each type.
Root: HKA; Subkey: "Software\Classes\fopegui.eml"; ValueType: string; ValueName: ""; ValueData: "{cm:EmlType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\fopegui.eml\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\fopegui.eml\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\fopegui.msg"; ValueType: string; ValueName: ""; ValueData: "{cm:MsgType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\fopegui.msg\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\fopegui.msg\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\fopegui.mailbox"; ValueType: string; ValueName: ""; ValueData: "{cm:MailboxType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\fopegui.mailbox\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\fopegui.mailbox\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists, always (harmless to the current default).
Root: HKA; Subkey: "Software\Classes\.eml\OpenWithProgids"; ValueType: string; ValueName: "fopegui.eml"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.msg\OpenWithProgids"; ValueType: string; ValueName: "fopegui.msg"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mbox\OpenWithProgids"; ValueType: string; ValueName: "fopegui.mailbox"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pst\OpenWithProgids"; ValueType: string; ValueName: "fopegui.mailbox"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.ost\OpenWithProgids"; ValueType: string; ValueName: "fopegui.mailbox"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".eml"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".msg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mbox"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pst"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ost"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Default Apps (Settings) lists registered applications by their capabilities.
Root: HKA; Subkey: "Software\{#AppName}\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\{#AppName}\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "{cm:AppDescription}"
Root: HKA; Subkey: "Software\{#AppName}\Capabilities\FileAssociations"; ValueType: string; ValueName: ".eml"; ValueData: "fopegui.eml"
Root: HKA; Subkey: "Software\{#AppName}\Capabilities\FileAssociations"; ValueType: string; ValueName: ".msg"; ValueData: "fopegui.msg"
Root: HKA; Subkey: "Software\{#AppName}\Capabilities\FileAssociations"; ValueType: string; ValueName: ".mbox"; ValueData: "fopegui.mailbox"
Root: HKA; Subkey: "Software\{#AppName}\Capabilities\FileAssociations"; ValueType: string; ValueName: ".pst"; ValueData: "fopegui.mailbox"
Root: HKA; Subkey: "Software\{#AppName}\Capabilities\FileAssociations"; ValueType: string; ValueName: ".ost"; ValueData: "fopegui.mailbox"
Root: HKA; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#AppName}"; ValueData: "Software\{#AppName}\Capabilities"; Flags: uninsdeletevalue
; Optional defaults (tasks above).
Root: HKA; Subkey: "Software\Classes\.eml"; ValueType: string; ValueName: ""; ValueData: "fopegui.eml"; Flags: uninsdeletevalue; Tasks: assoceml
Root: HKA; Subkey: "Software\Classes\.msg"; ValueType: string; ValueName: ""; ValueData: "fopegui.msg"; Flags: uninsdeletevalue; Tasks: assocmsg

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
