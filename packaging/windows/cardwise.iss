; Inno Setup script: the Windows installer for the frozen bundle (dist\Cardwise).
; Built on Windows only (Inno Setup 6, iscc.exe), after packaging\cardwise.spec:
;   iscc /DAppVersion=0.1.0 packaging\windows\cardwise.iss
; .github/workflows/bundles.yml passes the version read from app/__init__.py.
; Output: dist\Cardwise-<version>-setup.exe
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\cardwise.iss
#endif
#define AppName "Cardwise"
#define AppId "com.cardwise.Cardwise"

[Setup]
AppId={{7E3C2B9A-4C1D-4F7B-9A52-6D0E8C41B2F3}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Cardwise
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=packaging\icons\cardwise.ico
UninstallDisplayIcon={app}\Cardwise.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ChangesEnvironment=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the cardwise-cli command to PATH"; Flags: unchecked

[Files]
Source: "dist\Cardwise\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\Cardwise.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Cardwise.exe"; Tasks: desktopicon

[Registry]
; .cardwise files open in the designer on a double-click
Root: HKA; Subkey: "Software\Classes\.cardwise"; ValueType: string; ValueName: ""; ValueData: "{#AppId}.card"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppId}.card"; ValueType: string; ValueName: ""; ValueData: "Cardwise card"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppId}.card\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Cardwise.exe,0"
Root: HKA; Subkey: "Software\Classes\{#AppId}.card\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Cardwise.exe"" ""%1"""
Root: HKA; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\Cardwise.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
