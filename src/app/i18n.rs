//! Typed translations: every key is a variant of [`T`]; the texts live in `i18n/vi.txt`
//! and `i18n/en.txt` (`key = text`), and a test checks both files have every key.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::domain::Lang;

macro_rules! keys {
    ($($variant:ident => $key:literal),* $(,)?) => {
        /// A text of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $($variant),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$variant),*];

            pub fn key(self) -> &'static str {
                match self { $(T::$variant => $key),* }
            }
        }
    };
}

keys! {
    AppTitle => "app_title",
    NavOverview => "nav_overview",
    NavRoster => "nav_roster",
    NavSettings => "nav_settings",
    OverviewTeams => "overview_teams",
    OverviewMembers => "overview_members",
    OverviewWarnings => "overview_warnings",
    OverviewNoWarnings => "overview_no_warnings",
    OverviewVillagesWithoutTeam => "overview_villages_without_team",
    OverviewNone => "overview_none",
    RosterSearch => "roster_search",
    RosterIncludeLeft => "roster_include_left",
    RosterAllTeams => "roster_all_teams",
    RosterAllRoles => "roster_all_roles",
    RosterColName => "roster_col_name",
    RosterColPosition => "roster_col_position",
    RosterColRole => "roster_col_role",
    RosterColTeam => "roster_col_team",
    RosterColPhone => "roster_col_phone",
    RosterColStatus => "roster_col_status",
    RosterLeftOn => "roster_left_on",
    RosterCurrent => "roster_current",
    RosterCount => "roster_count",
    RosterPage => "roster_page",
    RosterPrev => "roster_prev",
    RosterNext => "roster_next",
    RosterAdd => "roster_add",
    RosterEmpty => "roster_empty",
    RosterNobodyYet => "roster_nobody_yet",
    FormTitleNew => "form_title_new",
    FormFullName => "form_full_name",
    FormGivenName => "form_given_name",
    FormGender => "form_gender",
    FormBirthYear => "form_birth_year",
    FormPosition => "form_position",
    FormPhone => "form_phone",
    FormEmail => "form_email",
    FormCitizenId => "form_citizen_id",
    FormRole => "form_role",
    FormJoinedOn => "form_joined_on",
    FormJoinedBy => "form_joined_by",
    FormTeam => "form_team",
    FormSave => "form_save",
    FormCancel => "form_cancel",
    FormSaved => "form_saved",
    FormFix => "form_fix",
    SettingsLanguage => "settings_language",
    SettingsDatabase => "settings_database",
    SettingsBackup => "settings_backup",
    SettingsBackupDone => "settings_backup_done",
    RecoveryTitle => "recovery_title",
    RecoveryFile => "recovery_file",
    RecoveryBackups => "recovery_backups",
    RecoveryNoBackups => "recovery_no_backups",
    RecoveryRestore => "recovery_restore",
    RecoveryKeptAside => "recovery_kept_aside",
    RecoveryOpenOther => "recovery_open_other",
    RecoveryBrowse => "recovery_browse",
    RecoveryOpen => "recovery_open",
    RecoveryNew => "recovery_new",
    RecoveryNewHint => "recovery_new_hint",
    RecoveryWorking => "recovery_working",
    SettingsBackupTo => "settings_backup_to",
    SettingsBackupFolder => "settings_backup_folder",
    SettingsBackupToTyped => "settings_backup_to_typed",
    SettingsRestore => "settings_restore",
    DialogPickFolder => "dialog_pick_folder",
    DialogPickDatabase => "dialog_pick_database",
    ErrorPrefix => "error_prefix",
    DialogSavePdf => "dialog_save_pdf",
    DialogSaveExcel => "dialog_save_excel",
    ExportExcel => "export_excel",
    ExportNoPlace => "export_no_place",
    ExportUseOffer => "export_use_offer",
    ExportOpen => "export_open",
    OutputSaveWord => "output_save_word",
    RegisterWord => "register_word",
    TeamsImport => "teams_import",
    ReportTables => "report_tables",
    ExportFullId => "export_full_id",
    DialogPickEvidence => "dialog_pick_evidence",
    OverviewWriteReport => "overview_write_report",
    OverviewDraftDecision => "overview_draft_decision",
    RosterMoreThan => "roster_more_than",
    ActivityReload => "activity_reload",
    OutputReplaceAsk => "output_replace_ask",
    OutputReplace => "output_replace",
    OutputVoid => "output_void",
    OutputVoidReason => "output_void_reason",
    OutputVoidConfirm => "output_void_confirm",
    OutputVoidTitle => "output_void_title",
    DecisionRetire => "decision_retire",
    DecisionEntryEdit => "decision_entry_edit",
    DecisionEntrySave => "decision_entry_save",
    DecisionNumberUsed => "decision_number_used",
    DetailTitle => "detail_title",
    DetailHistory => "detail_history",
    DetailTrail => "detail_trail",
    DetailTrailEmpty => "detail_trail_empty",
    DetailPutBack => "detail_put_back",
    RegisterTrail => "register_trail",
    ImportOpen => "import_open",
    ImportTitle => "import_title",
    ImportPath => "import_path",
    ImportBrowse => "import_browse",
    ImportTeam => "import_team",
    ImportPreview => "import_preview",
    ImportHint => "import_hint",
    ImportSheet => "import_sheet",
    ImportHeaderRow => "import_header_row",
    ImportMapping => "import_mapping",
    ImportMap => "import_map",
    ImportSkipBad => "import_skip_bad",
    ImportRun => "import_run",
    DetailDelete => "detail_delete",
    DetailDeleteAsk => "detail_delete_ask",
    DetailDeleteConfirm => "detail_delete_confirm",
    DetailDeleteCancel => "detail_delete_cancel",
    SettingsCheckNow => "settings_check_now",
    SettingsLastCheck => "settings_last_check",
    SettingsNeverChecked => "settings_never_checked",
    DetailJoined => "detail_joined",
    DetailLeft => "detail_left",
    DetailReason => "detail_reason",
    DetailShowId => "detail_show_id",
    DetailHideId => "detail_hide_id",
    DetailClose => "detail_close",
    LeaveTitle => "leave_title",
    LeaveDate => "leave_date",
    LeaveReason => "leave_reason",
    LeaveBy => "leave_by",
    LeaveSave => "leave_save",
    NavDecision => "nav_decision",
    DecisionTeam => "decision_team",
    DecisionKind => "decision_kind",
    DecisionEstablish => "decision_establish",
    DecisionChange => "decision_change",
    DecisionNumber => "decision_number",
    DecisionDate => "decision_date",
    DecisionSigning => "decision_signing",
    DecisionSigner => "decision_signer",
    DecisionSubject => "decision_subject",
    DecisionProposal => "decision_proposal",
    DecisionBases => "decision_bases",
    DecisionRecipients => "decision_recipients",
    DecisionSavePdf => "decision_save_pdf",
    DecisionIssue => "decision_issue",
    DecisionSaved => "decision_saved",
    DecisionPage => "decision_page",
    DecisionIssued => "decision_issued",
    CommuneNoDistrict => "commune_no_district",
    CommuneDistrictKind => "commune_district_kind",
    CommuneKind => "commune_kind",
    SetupTitle => "setup_title",
    SetupIntro => "setup_intro",
    SetupSave => "setup_save",
    SetupDemo => "setup_demo",
    FormTitleEdit => "form_title_edit",
    DetailEdit => "detail_edit",
    RosterSince => "roster_since",
    SettingsCommune => "settings_commune",
    SettingsFont => "settings_font",
    SettingsFontAuto => "settings_font_auto",
    SettingsFontBundled => "settings_font_bundled",
    SettingsFontTimes => "settings_font_times",
    SettingsRendering => "settings_rendering",
    SettingsSoftware => "settings_software",
    SettingsSoftwareOnly => "settings_software_only",
    NavTeams => "nav_teams",
    TeamsEdit => "teams_edit",
    TeamsName => "teams_name",
    TeamsVillage => "teams_village",
    TeamsStatus => "teams_status",
    TeamsWarnings => "teams_warnings",
    TeamsCopyZalo => "teams_copy_zalo",
    TeamsCreate => "teams_create",
    TeamsCreateCommune => "teams_create_commune",
    ReportProvinceSheet => "report_province_sheet",
    ProgressTakeTargets => "progress_take_targets",
    ProgressTargetsFile => "progress_targets_file",
    ProgressTargetSource => "progress_target_source",
    OverviewNoTeams => "overview_no_teams",
    CommuneUnitSearch => "commune_unit_search",
    CommuneUnitHint => "commune_unit_hint",
    CommuneUnitNone => "commune_unit_none",
    CommuneUnitCode => "commune_unit_code",
    SheetsOpen => "sheets_open",
    SheetsTitle => "sheets_title",
    SheetsHint => "sheets_hint",
    SheetsMonth => "sheets_month",
    SheetsFolder => "sheets_folder",
    SheetsChooseFolder => "sheets_choose_folder",
    SheetsExport => "sheets_export",
    SheetsFiles => "sheets_files",
    SheetsChooseFiles => "sheets_choose_files",
    SheetsPreview => "sheets_preview",
    SheetsTakeIn => "sheets_take_in",
    SheetsReplace => "sheets_replace",
    SheetsAddKinds => "sheets_add_kinds",
    SheetsNoDialog => "sheets_no_dialog",
    SheetsNoFiles => "sheets_no_files",
    SheetsLines => "sheets_lines",
    SheetsMonthWord => "sheets_month_word",
    SheetsRow => "sheets_row",
    SheetsNewKind => "sheets_new_kind",
    SheetsPeople => "sheets_people",
    SheetsHouseholds => "sheets_households",
    OverviewSheetTakenIn => "overview_sheet_taken_in",
    TeamsCommuneTeamExists => "teams_commune_team_exists",
    TeamsPickVillage => "teams_pick_village",
    TeamsCreateVillage => "teams_create_village",
    TeamsNewVillage => "teams_new_village",
    TeamsAddVillage => "teams_add_village",
    DecisionReplaces => "decision_replaces",
    DecisionReplacesHint => "decision_replaces_hint",
    DecisionArticles => "decision_articles",
    DecisionLeaderDuties => "decision_leader_duties",
    DecisionDeputyDuties => "decision_deputy_duties",
    DecisionMemberDuties => "decision_member_duties",
    DecisionExecutors => "decision_executors",
    DecisionResetArticles => "decision_reset_articles",
    DecisionAddBasis => "decision_add_basis",
    DecisionAddRecipient => "decision_add_recipient",
    DecisionSaveTo => "decision_save_to",
    DecisionBrowse => "decision_browse",
    DecisionOpenPdf => "decision_open_pdf",
    DecisionReprint => "decision_reprint",
    QuitTitle => "quit_title",
    QuitText => "quit_text",
    QuitYes => "quit_yes",
    QuitNo => "quit_no",
    OverviewLatestDecisions => "overview_latest_decisions",
    NavActivities => "nav_activities",
    NavProgress => "nav_progress",
    NavReports => "nav_reports",
    ActivityNew => "activity_new",
    ActivityNewTitle => "activity_new_title",
    ActivityEditTitle => "activity_edit_title",
    ActivityDate => "activity_date",
    ActivityKind => "activity_kind",
    ActivityPeople => "activity_people",
    ActivityHouseholds => "activity_households",
    ActivityCounts => "activity_counts",
    ActivityNote => "activity_note",
    ActivityAllKinds => "activity_all_kinds",
    ActivityMonth => "activity_month",
    ActivityCount => "activity_count",
    ProgressActivities => "progress_activities",
    ActivityDeleteAsk => "activity_delete_ask",
    ActivityDeleteYes => "activity_delete_yes",
    ActivityDelete => "activity_delete",
    ActivityEvidence => "activity_evidence",
    ProgressPeriodHint => "progress_period_hint",
    ProgressIndicator => "progress_indicator",
    ProgressTarget => "progress_target",
    ProgressPeriod => "progress_period",
    ProgressCumulative => "progress_cumulative",
    ProgressBase => "progress_base",
    ProgressShare => "progress_share",
    ProgressReached => "progress_reached",
    ProgressBaselines => "progress_baselines",
    ProgressTargets => "progress_targets",
    ReportPeriod => "report_period",
    ReportActivities => "report_activities",
    ReportPrefill => "report_prefill",
    ReportDifficulties => "report_difficulties",
    ReportProposals => "report_proposals",
    ReportGoodPractices => "report_good_practices",
    ReportIssued => "report_issued",
    OverviewDeadlines => "overview_deadlines",
    OverviewReported => "overview_reported",
    OverviewMissing => "overview_missing",
    OverviewOverdue => "overview_overdue",
    OverviewNextDeadline => "overview_next_deadline",
    ProgressScope => "progress_scope",
    ActivityNewKind => "activity_new_kind",
    ActivityAddKind => "activity_add_kind",
    ActivityParticipants => "activity_participants",
    ActivityNoMembers => "activity_no_members",
    ActivityTookPart => "activity_took_part",
    SettingsReportDays => "settings_report_days",
    SettingsVillageDay => "settings_village_day",
    SettingsCommuneDay => "settings_commune_day",
    // Issue 12: the window as a clerk finds it.
    OutputPrint => "output_print",
    PreviewFitPage => "preview_fit_page",
    PreviewFitWidth => "preview_fit_width",
    ProgressWhole => "progress_whole",
    ProgressYes => "progress_yes",
    ProgressNo => "progress_no",
    ActivityCountOne => "activity_count_one",
    ActivityEmpty => "activity_empty",
    FormMale => "form_male",
    FormFemale => "form_female",
    TeamsWarningOne => "teams_warning_one",
    TeamsVillages => "teams_villages",
    TeamsNoTeam => "teams_no_team",
    TeamsRename => "teams_rename",
}

const VI: &str = include_str!("../../i18n/vi.txt");
const EN: &str = include_str!("../../i18n/en.txt");

/// Parses `key = text` lines; `#` starts a comment line.
pub fn parse(file: &str) -> HashMap<&str, &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static VI_T: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    static EN_T: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    match lang {
        Lang::Vi => VI_T.get_or_init(|| parse(VI)),
        Lang::En => EN_T.get_or_init(|| parse(EN)),
    }
}

/// The text of `key` in `lang` (the key itself if a file lacks it; a test prevents that).
pub fn tr(lang: Lang, key: T) -> &'static str {
    table(lang).get(key.key()).copied().unwrap_or(key.key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key_and_no_other() {
        for (name, file) in [("vi", VI), ("en", EN)] {
            let t = parse(file);
            for k in T::ALL {
                assert!(t.contains_key(k.key()), "{name}.txt lacks {}", k.key());
                assert!(!t[k.key()].is_empty(), "{name}.txt: {} is empty", k.key());
            }
            for k in t.keys() {
                assert!(
                    T::ALL.iter().any(|t| t.key() == *k),
                    "{name}.txt has unknown key {k}"
                );
            }
        }
    }

    #[test]
    fn texts_differ_by_language() {
        assert_eq!(tr(Lang::Vi, T::NavRoster), "Danh sách thành viên");
        assert_eq!(tr(Lang::En, T::NavRoster), "Members");
    }
}
