//! The Codex release is a setting: the tables the real releases answered
//! (`src/clients/codex/*.txt`, written by scripts/codex-probe.mjs), and what the
//! page writes for each release. One test per row the page acts on checks
//! the page's behaviour on both sides of that row's first release.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::clients::codex::{self, Fact, Release};
use codex_mcp_configurator::model::{ApprovalMode, ConfigLocation, Draft};
use codex_mcp_configurator::render::codex::{
    SignIn, login_command, render_config_toml, render_posix, terminal_steps,
};
use codex_mcp_configurator::validate::{NotePlace, Validation};
use common::{draft, validate_as_the_page};

fn check(d: &Draft) -> Validation {
    validate_as_the_page(d, &codex_mcp_configurator::catalog::kloudfuse_tools())
}

fn at(release: Release, edit: impl FnOnce(&mut Draft)) -> Draft {
    let mut d = draft("kfuse", "acme.kloudfuse.io");
    d.codex = release.to_string();
    edit(&mut d);
    d
}

/// The first release with `fact`, and the probed release just before it.
fn sides(fact: Fact) -> (Release, Release) {
    let since = fact
        .since()
        .unwrap_or_else(|| panic!("the newest release has {fact:?}"));
    let before = codex::cli()
        .releases()
        .filter(|r| *r < since)
        .last()
        .unwrap_or_else(|| {
            panic!("{fact:?} holds from the oldest release, {since}: no side without it")
        });
    (before, since)
}

fn notes(v: &Validation, place: &NotePlace) -> Vec<String> {
    v.notes_at(place).map(|n| n.message.clone()).collect()
}

#[test]
fn the_tables_run_from_the_oldest_supported_release_to_the_pinned_one() {
    let releases: Vec<Release> = codex::cli().releases().collect();
    assert!(releases.len() >= 40, "{releases:?}");
    assert!(
        releases.windows(2).all(|w| w[0] < w[1]),
        "sorted, each once"
    );
    assert_eq!(codex::oldest(), Release::new(100), "the oldest supported");
    let pinned = common::codex::tested_releases()
        .pop()
        .expect("the pinned release is tested");
    assert_eq!(
        codex::newest(),
        Release::parse(&pinned).expect("a release"),
        "the newest probed release is the one package.json pins"
    );
    let settings: Vec<Release> = codex::settings().releases().collect();
    assert_eq!(
        settings, releases,
        "both tables answer for the same releases"
    );
}

#[test]
fn every_fact_the_page_relies_on_was_asked_of_the_releases() {
    for fact in [
        codex::LOGIN_NO_BROWSER,
        codex::ADD_OAUTH_CLIENT_ID,
        codex::ADD_OAUTH_RESOURCE,
        codex::OAUTH_RESOURCE_KEY,
        codex::OAUTH_CLIENT_ID_KEY,
        codex::DEFAULT_APPROVAL_KEY,
        codex::TOOL_APPROVAL_KEY,
        codex::PROJECT_CONFIG,
        codex::ERROR_POSITION,
        codex::REQUIREMENTS_URL_PREFIX,
        codex::CALLBACK_PORT_KEY,
        Fact::NameChar("."),
        Fact::NameChar("/"),
        Fact::NameChar(":"),
        Fact::NameChar("@"),
    ] {
        assert!(fact.asked(), "the probe never asked about {fact:?}");
    }
}

/// Measured by hand on this machine before the probe existed (issue 25 and
/// ../shared/docs/CODEX.md): an independent check that the probe asks what
/// it means to ask.
#[test]
fn the_tables_agree_with_the_releases_measured_by_hand() {
    let since = |fact: Fact| fact.since().map(|r| r.minor());
    assert_eq!(
        since(Fact::ServerValue("default_tools_approval_mode", "writes")),
        Some(144)
    );
    assert_eq!(
        since(Fact::ServerValue("tools.*.approval_mode", "writes")),
        Some(144)
    );
    assert_eq!(since(codex::LOGIN_NO_BROWSER), Some(156));
    assert_eq!(since(codex::ADD_OAUTH_CLIENT_ID), Some(134));
    assert_eq!(since(codex::ADD_OAUTH_RESOURCE), Some(134));
    assert_eq!(since(codex::OAUTH_RESOURCE_KEY), Some(107));
    assert_eq!(since(codex::TOOL_APPROVAL_KEY), Some(117));
    assert_eq!(since(codex::DEFAULT_APPROVAL_KEY), Some(122));
    assert_eq!(since(codex::OAUTH_CLIENT_ID_KEY), Some(131));
    assert_eq!(since(codex::REQUIREMENTS_URL_PREFIX), Some(143));
    assert!(codex::ERROR_POSITION.holds(Release::new(146)));
    assert!(!codex::ERROR_POSITION.holds(Release::new(147)));
    assert_eq!(
        codex::server_values(Release::new(130), "default_tools_approval_mode"),
        Some(vec!["auto", "prompt", "approve"])
    );
}

#[test]
fn row_login_no_browser_another_machine_signs_in_through_a_forwarded_port_before_it() {
    let (before, since) = sides(codex::LOGIN_NO_BROWSER);
    assert!(
        codex::CALLBACK_PORT_KEY.holds(before),
        "the port can be fixed there"
    );
    let old = check(&at(before, |d| d.remote = true));
    let config = old.config.clone().expect("valid");
    let login = login_command(&config).join(" ");
    assert!(!login.contains("--no-browser"), "{login}");
    assert!(login.contains("-c mcp_oauth_callback_port=8976"), "{login}");
    assert_eq!(terminal_steps(&config).sign_in, SignIn::LoginForwarded);
    let note = notes(&old, &NotePlace::Remote);
    assert_eq!(note.len(), 1, "{note:?}");
    assert!(note[0].contains(&format!("from Codex {since}")), "{note:?}");
    assert!(note[0].contains("ssh -L 8976:127.0.0.1:8976"), "{note:?}");

    let new = check(&at(since, |d| d.remote = true));
    let config = new.config.expect("valid");
    assert!(login_command(&config).contains(&"--no-browser".to_owned()));
    assert_eq!(terminal_steps(&config).sign_in, SignIn::LoginNoBrowser);
    assert!(new.notes.is_empty(), "{:?}", new.notes);
}

fn add_flag_row(fact: Fact, flag: &str, edit: fn(&mut Draft)) {
    let (before, since) = sides(fact);
    let old = check(&at(before, edit)).config.expect("valid");
    let steps = terminal_steps(&old);
    assert!(
        steps.writes_the_file(),
        "{before}: no {flag}, so the file route"
    );
    assert!(
        !render_posix(&steps).contains(flag),
        "{}",
        render_posix(&steps)
    );
    let new = check(&at(since, edit)).config.expect("valid");
    let steps = terminal_steps(&new);
    assert!(!steps.writes_the_file(), "{since}: `add` alone");
    assert!(
        render_posix(&steps).contains(flag),
        "{}",
        render_posix(&steps)
    );
}

#[test]
fn row_add_oauth_client_id_the_file_route_before_it() {
    add_flag_row(codex::ADD_OAUTH_CLIENT_ID, "--oauth-client-id", |d| {
        d.oauth_client_id = "codex-cli".into();
    });
}

#[test]
fn row_add_oauth_resource_the_file_route_before_it() {
    add_flag_row(codex::ADD_OAUTH_RESOURCE, "--oauth-resource", |d| {
        d.oauth_resource = "https://acme.kloudfuse.io/mcp".into();
    });
}

fn ignored_key_row(fact: Fact, place: NotePlace, edit: fn(&mut Draft)) {
    let (before, since) = sides(fact);
    let old = check(&at(before, edit));
    let note = notes(&old, &place);
    assert_eq!(note.len(), 1, "{before}: {:?}", old.notes);
    assert!(note[0].contains("ignores"), "{note:?}");
    assert!(note[0].contains(&format!("from Codex {since}")), "{note:?}");
    assert!(note[0].contains(codex::UPGRADE), "{note:?}");
    assert!(
        old.config.is_some(),
        "kept, and harmless: Codex ignores the key"
    );
    let new = check(&at(since, edit));
    assert!(notes(&new, &place).is_empty(), "{since}: {:?}", new.notes);
}

#[test]
fn row_oauth_resource_key_a_note_before_it() {
    ignored_key_row(
        codex::OAUTH_RESOURCE_KEY,
        NotePlace::Field(codex_mcp_configurator::model::Field::OauthResource),
        |d| d.oauth_resource = "https://acme.kloudfuse.io/mcp".into(),
    );
}

#[test]
fn row_oauth_client_id_key_a_note_before_it() {
    ignored_key_row(
        codex::OAUTH_CLIENT_ID_KEY,
        NotePlace::Field(codex_mcp_configurator::model::Field::OauthClientId),
        |d| d.oauth_client_id = "codex-cli".into(),
    );
}

#[test]
fn row_default_approval_key_a_note_before_it() {
    ignored_key_row(
        codex::DEFAULT_APPROVAL_KEY,
        NotePlace::DefaultApproval,
        |d| {
            d.default_approval = Some(ApprovalMode::Prompt);
        },
    );
}

#[test]
fn row_tool_approval_key_a_note_before_it() {
    ignored_key_row(
        codex::TOOL_APPROVAL_KEY,
        NotePlace::ToolApproval("logs_search".into()),
        |d| d.tool_approvals = vec![("logs_search".into(), ApprovalMode::Prompt)],
    );
}

#[test]
fn row_writes_config_toml_never_holds_it_before_it() {
    for (key, place, edit) in [
        (
            "default_tools_approval_mode",
            NotePlace::DefaultApproval,
            (|d: &mut Draft| d.default_approval = Some(ApprovalMode::Writes)) as fn(&mut Draft),
        ),
        (
            "tools.*.approval_mode",
            NotePlace::ToolApproval("logs_search".into()),
            |d: &mut Draft| d.tool_approvals = vec![("logs_search".into(), ApprovalMode::Writes)],
        ),
    ] {
        let (before, since) = sides(Fact::ServerValue(key, "writes"));
        assert!(
            Fact::ServerKey(key).holds(before),
            "{before} reads {key} but refuses writes"
        );
        let old = check(&at(before, edit));
        let toml = render_config_toml(&old.config.clone().expect("valid"));
        assert!(
            !toml.contains("writes"),
            "{before} refuses the file for it:\n{toml}"
        );
        let note = notes(&old, &place);
        assert_eq!(note.len(), 1, "{:?}", old.notes);
        assert!(
            note[0].contains("refuses the whole config.toml"),
            "{note:?}"
        );
        assert!(note[0].contains(&format!("from Codex {since}")), "{note:?}");
        let new = check(&at(since, edit));
        let toml = render_config_toml(new.config.as_ref().expect("valid"));
        assert!(toml.contains("\"writes\""), "{since} takes it:\n{toml}");
        assert!(notes(&new, &place).is_empty());
    }
}

#[test]
fn row_name_characters_a_name_the_release_refuses_gets_no_output() {
    for c in [".", "/", ":", "@"] {
        let fact = Fact::NameChar(c);
        let name = format!("kfuse{c}prod");
        match fact.since() {
            Some(since) if since > codex::oldest() => {
                let (before, _) = sides(fact);
                let old = check(&at(before, |d| d.name = name.clone()));
                assert!(old.config.is_none(), "{before} refuses {name}");
                let blocking: Vec<_> = old.notes.iter().filter(|n| n.blocks).collect();
                assert_eq!(blocking.len(), 1, "{:?}", old.notes);
                assert!(blocking[0].message.contains(&format!("from Codex {since}")));
                let new = check(&at(since, |d| d.name = name.clone()));
                assert!(
                    new.config.is_some(),
                    "{since} takes {name}: {:?}",
                    new.notes
                );
            }
            Some(_) => {
                assert!(
                    check(&at(codex::oldest(), |d| d.name = name.clone()))
                        .config
                        .is_some()
                );
            }
            None => panic!("the newest release refuses {c} in a name"),
        }
    }
}

#[test]
fn row_project_config_where_a_release_reads_no_project_file_it_says_so() {
    let edit = |d: &mut Draft| d.location = ConfigLocation::Project;
    match codex::PROJECT_CONFIG.since() {
        Some(since) if since > codex::oldest() => {
            ignored_key_row(codex::PROJECT_CONFIG, NotePlace::Location, edit);
        }
        Some(_) => {
            for release in codex::cli().releases() {
                assert!(notes(&check(&at(release, edit)), &NotePlace::Location).is_empty());
            }
        }
        None => panic!("the newest release reads no project file"),
    }
}

/// A draft that uses every choice the form offers (a name every release
/// takes).
fn every_feature(release: Release) -> Draft {
    at(release, |d| {
        d.tools.allow_only = true;
        d.tools.enabled_tools = vec!["logs_search".into(), "metrics_query".into()];
        d.tools.disabled_tools = vec!["delete_all_entities".into()];
        d.scopes = "logs:read,metrics:read".into();
        d.required = true;
        d.startup_timeout_sec = "20".into();
        d.tool_timeout_sec = "90.5".into();
        d.oauth_resource = "https://acme.kloudfuse.io/mcp".into();
        d.oauth_client_id = "codex-cli".into();
        d.default_approval = Some(ApprovalMode::Writes);
        d.tool_approvals = vec![
            ("logs_search".into(), ApprovalMode::Approve),
            ("metrics_query".into(), ApprovalMode::Writes),
        ];
        d.remote = true;
    })
}

#[test]
fn for_every_release_config_toml_holds_no_value_that_release_refuses() {
    for release in codex::cli().releases() {
        let v = check(&every_feature(release));
        let config = v
            .config
            .unwrap_or_else(|| panic!("{release}: {:?}", v.findings));
        let entry = common::parse_entry(&render_config_toml(&config), "kfuse");
        let refused = |key: &str, value: &str| codex::refuses_server_value(release, key, value);
        if let Some(mode) = entry
            .get("default_tools_approval_mode")
            .and_then(|v| v.as_str())
        {
            assert!(
                !refused("default_tools_approval_mode", mode),
                "{release}: {mode}"
            );
        }
        for (_, tool) in entry
            .get("tools")
            .and_then(|t| t.as_table())
            .into_iter()
            .flatten()
        {
            let mode = tool["approval_mode"].as_str().expect("a string");
            assert!(!refused("tools.*.approval_mode", mode), "{release}: {mode}");
        }
    }
}

#[test]
fn the_newest_release_has_no_note_for_any_choice() {
    let v = check(&every_feature(codex::newest()));
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    let mut dotted = every_feature(codex::newest());
    dotted.name = "kfuse.prod".into();
    dotted.location = ConfigLocation::Project;
    assert!(check(&dotted).notes.is_empty());
}

#[test]
fn the_version_field_reads_what_codex_prints_and_says_what_is_wrong() {
    for typed in [
        "0.130",
        "0.130.0",
        "v0.130.2",
        "codex-cli 0.130.0",
        " 0.130 ",
    ] {
        assert_eq!(Release::parse(typed), Ok(Release::new(130)), "{typed:?}");
    }
    for typed in ["1.0", "0.x", "130", "0.130.0.1", "0.+5", "0.130.", "codex"] {
        let problem = Release::parse(typed).expect_err(typed);
        assert!(problem.contains("codex --version"), "{problem}");
    }
    let v = check(&at(Release::new(130), |d| {
        d.codex = "zero point one".into()
    }));
    assert!(v.config.is_none());
    assert!(
        v.messages(
            codex_mcp_configurator::model::Field::CodexVersion,
            codex_mcp_configurator::validate::Severity::Error
        )
        .iter()
        .any(|m| m.contains("is not a Codex release"))
    );
    assert_eq!(
        Release::from_version_line("codex-cli 0.144.3\n{\"id\":0}"),
        Some(Release::new(144))
    );
}

#[test]
fn a_release_outside_the_tables_is_written_for_the_nearest_and_says_so() {
    let older = check(&at(Release::new(99), |_| {}));
    assert!(older.config.is_some());
    let note = notes(
        &older,
        &NotePlace::Field(codex_mcp_configurator::model::Field::CodexVersion),
    );
    assert!(
        note[0].contains(&format!("knows Codex {}", codex::oldest())),
        "{note:?}"
    );
    let newer = check(&at(Release::new(codex::newest().minor() + 5), |_| {}));
    let note = notes(
        &newer,
        &NotePlace::Field(codex_mcp_configurator::model::Field::CodexVersion),
    );
    assert!(note[0].contains("newer than"), "{note:?}");
    // A release between two probed ones answers as the one before it.
    let probed: Vec<Release> = codex::cli().releases().collect();
    if let Some(w) = probed.windows(2).find(|w| w[1].minor() > w[0].minor() + 1) {
        let between = Release::new(w[0].minor() + 1);
        for fact in [
            codex::LOGIN_NO_BROWSER,
            codex::DEFAULT_APPROVAL_KEY,
            codex::ADD_OAUTH_CLIENT_ID,
        ] {
            assert_eq!(
                fact.holds(between),
                fact.holds(w[0]),
                "{between} answers as {}",
                w[0]
            );
        }
    }
}

#[test]
fn a_share_link_carries_the_release_only_when_it_is_not_the_default() {
    use codex_mcp_configurator::share::{apply_share_query, share_query};
    let defaults = Draft::default();
    let newest = check(&at(codex::newest(), |_| {})).config.expect("valid");
    assert!(!share_query(&newest, &defaults).contains("codex="));
    let old = check(&at(Release::new(130), |_| {})).config.expect("valid");
    let query = share_query(&old, &defaults);
    assert!(query.contains("codex=0.130"), "{query}");
    assert_eq!(apply_share_query(&defaults, &query).draft.codex, "0.130");
}
