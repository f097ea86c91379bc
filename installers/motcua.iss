; Inno Setup script: the Windows installer of motcua (docs/install.md, "Windows").
;
; Built on Windows after `python dev.py build` made dist\motcua\ (the frozen folder):
;     iscc /DAppVersion=0.1.0 installers\motcua.iss     ->  dist\motcua-0.1.0-setup.exe
; It installs the frozen folder for every user of the PC (Program Files, administrator),
; a Start menu entry, and nothing else: each Windows user's data (settings, dossier
; store, backups) is the program's, in %LOCALAPPDATA%\motcua, made at its first start.
; An upgrade replaces the program's files and keeps every data folder; the program
; upgrades the store (after a verified backup) and the settings when it next opens.
; Uninstalling keeps the data unless the person uninstalling says so (or /DELETEDATA=yes).
; tests/installers/test_inno_setup.py checks the paths below against installers/motcua.spec.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5B0F0C52-3F5E-4B64-9C4E-6D0A61C0B7A1}
AppName=motcua
AppVersion={#AppVersion}
AppVerName=motcua {#AppVersion}
AppPublisher=motcua
DefaultDirName={autopf}\motcua
DefaultGroupName=motcua
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=motcua-{#AppVersion}-setup
SetupIconFile=motcua.ico
UninstallDisplayIcon={app}\motcua.exe
UninstallDisplayName=motcua
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The program must not run while its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries as a whole: no module of the old version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\motcua\motcua.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\motcua\motcua-window.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\motcua\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\motcua"; Filename: "{app}\motcua-window.exe"; WorkingDir: "{app}"
Name: "{group}\motcua self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\motcua.exe"" selftest"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,motcua}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\motcua"; Filename: "{app}\motcua-window.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\motcua-window.exe"; Description: "{cm:LaunchProgram,motcua}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
// The data folder of the user who uninstalls (other users' folders stay in their own
// profiles): removed only when asked, never in a silent uninstall unless /DELETEDATA=yes.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Delete: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\motcua');
  if not DirExists(DataDir) then
    Exit;
  Delete := CompareText(ExpandConstant('{param:DELETEDATA|no}'), 'yes') = 0;
  if (not Delete) and (not UninstallSilent) then
    Delete := MsgBox('Also delete the data folder ' + DataDir + '?' + #13#10 +
      'It holds this counter''s dossier store, settings and backups. ' +
      'Keep it to install motcua again with the same data.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Delete then
    DelTree(DataDir, True, True, True);
end;
