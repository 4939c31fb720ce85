//! The organisation's route: presets `[codex_requirements]`, the exact
//! bytes the entry carries, the warnings where Codex would turn the server
//! off, the share-link finding, the administrators' outputs, and the Verify
//! output read back, the last against the real Codex under a
//! requirements.toml in a private mount namespace.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::merge::merge_requirements;
use codex_mcp_configurator::model::{Draft, Field};
use codex_mcp_configurator::presets::parse_presets;
use codex_mcp_configurator::render::codex::{
    AllowBy, base64, login_command, managed_config, mobileconfig, render_config_toml, render_posix,
    requirements_entry, terminal_steps,
};
use codex_mcp_configurator::share::{LinkReview, RiskKind, apply_share_query, share_link};
use codex_mcp_configurator::validate::{
    Organisation, RequiredUrl, Requirements, TrustedHosts, Validation, validate_for,
};
use codex_mcp_configurator::verify_output::{EntryState, read_verify_output};

/// An allowlist written as administrators write URLs: not as the page
/// normalises them (upper case, a default port, a trailing slash).
const ALLOWED: &str = "https://Observability.ACME.example:443/mcp/";

fn org() -> Organisation {
    Organisation {
        trusted: TrustedHosts::default(),
        requirements: Some(Requirements::new("acme-obs", Some(ALLOWED), None).expect("valid")),
    }
}

fn check(d: &Draft) -> Validation {
    validate_for(d, &[], None, &org())
}

fn typed(name: &str, url: &str) -> Draft {
    common::draft(name, url)
}

#[test]
fn presets_state_the_rule_and_the_form_starts_at_it() {
    let presets = parse_presets(&format!(
        "[defaults]\nname = \"other\"\n\n[codex_requirements]\nname = \"acme-obs\"\nurl = \"{ALLOWED}\"\n"
    ))
    .expect("parses");
    assert_eq!(
        presets.defaults.name, "acme-obs",
        "the requirements win over [defaults]"
    );
    assert_eq!(presets.defaults.url, ALLOWED);
    assert_eq!(presets.requirements, org().requirements);

    let prefix = parse_presets("[codex_requirements]\nname = \"acme-obs\"\nurl_prefix = \"https://observability.acme.example/\"\n")
        .expect("parses");
    assert!(matches!(
        prefix.requirements.expect("set").url,
        RequiredUrl::Prefix(_)
    ));

    for (file, line, words) in [
        ("\n[codex_requirements]\nname = \"a\"\n", 2, "add `url`"),
        (
            "[codex_requirements]\nname = \"a\"\nurl = \"https://x.example/mcp\"\nurl_prefix = \"https://x.example/\"\n",
            1,
            "not both",
        ),
        (
            "\n\n[codex_requirements]\nname = \"a\"\nurl = \"x.example/mcp\"\n",
            3,
            "not an absolute",
        ),
        (
            "[codex_requirements]\nname = \" a\"\nurl = \"https://x.example/mcp\"\n",
            1,
            "exactly",
        ),
        (
            "[codex_requirements]\nname = \"a\"\nurl = \"https://x.example/mcp\"\nmatch = \"prefix\"\n",
            4,
            "unknown key `match`",
        ),
        (
            "codex_requirements = 5\n",
            1,
            "must be a [codex_requirements] table",
        ),
    ] {
        let problem = parse_presets(file).expect_err(file);
        assert_eq!(problem.line, line, "{file}: {problem}");
        assert!(problem.message.contains(words), "{file}: {problem}");
    }
}

#[test]
fn the_entry_carries_the_allowed_bytes_wherever_it_names_the_server() {
    for typed_url in [
        ALLOWED,
        "observability.acme.example/mcp/",
        "HTTPS://observability.acme.example/mcp/",
    ] {
        let v = check(&typed("acme-obs", typed_url));
        let config = v.config.expect("valid");
        assert_eq!(config.url_text(), ALLOWED, "{typed_url}");
        assert!(
            v.requirements.is_empty(),
            "{typed_url}: {:?}",
            v.requirements
        );
        let toml = render_config_toml(&config);
        assert!(toml.contains(&format!("url = \"{ALLOWED}\"")), "{toml}");
        let entry = common::parse_entry(&toml, "acme-obs");
        assert_eq!(
            entry["url"].as_str(),
            Some(ALLOWED),
            "read back by an independent parser"
        );
        let posix = render_posix(&terminal_steps(&config));
        assert!(posix.contains(&format!("--url {ALLOWED}")), "{posix}");
        let link = share_link("https://docs.example/codex/", &config, &Draft::default());
        let back = apply_share_query(&Draft::default(), link.split_once('?').unwrap().1).draft;
        assert_eq!(back.url, ALLOWED, "the share link carries the bytes too");
        assert_eq!(
            login_command(&config),
            ["codex", "mcp", "login", "acme-obs"]
        );
    }
    // Another server keeps the page's own normalisation.
    let other = check(&typed("acme-obs", "other.acme.example"))
        .config
        .expect("valid");
    assert_eq!(other.url_text(), "https://other.acme.example/mcp");
}

#[test]
fn a_rename_or_a_url_one_byte_off_is_warned_where_it_is_typed_with_its_fix() {
    let renamed = check(&typed("acme", ALLOWED));
    assert_eq!(renamed.requirements.len(), 1, "{:?}", renamed.requirements);
    let w = &renamed.requirements[0];
    assert_eq!(w.field, Field::Name);
    assert!(
        w.message.starts_with(
            "Codex turns this server off: your organisation's requirements allow only `acme-obs`"
        ),
        "{}",
        w.message
    );
    assert_eq!(w.fix.as_deref(), Some("acme-obs"));
    assert!(
        renamed.config.is_some(),
        "a warning: the person may mean another server"
    );

    let slash = check(&typed(
        "acme-obs",
        "https://observability.acme.example/mcp//",
    ));
    assert_eq!(slash.requirements.len(), 1, "{:?}", slash.requirements);
    assert_eq!(slash.requirements[0].field, Field::Url);
    assert!(slash.requirements[0].message.contains("byte for byte"));
    assert_eq!(slash.requirements[0].fix.as_deref(), Some(ALLOWED));

    let mut fixed = typed("acme", "https://observability.acme.example/mcp//");
    for w in check(&fixed).requirements {
        match w.field {
            Field::Name => fixed.name = w.fix.expect("a fix"),
            _ => fixed.url = w.fix.expect("a fix"),
        }
    }
    let v = check(&fixed);
    assert!(v.requirements.is_empty(), "{:?}", v.requirements);
    assert_eq!(v.config.expect("valid").url_text(), ALLOWED);
}

#[test]
fn a_prefix_allows_any_url_under_it_and_needs_a_release_that_reads_it() {
    let org = Organisation {
        trusted: TrustedHosts::default(),
        requirements: Some(
            Requirements::new(
                "acme-obs",
                None,
                Some("https://observability.acme.example/"),
            )
            .expect("valid"),
        ),
    };
    let under = validate_for(
        &typed("acme-obs", "observability.acme.example/mcp"),
        &[],
        None,
        &org,
    );
    assert!(under.requirements.is_empty(), "{:?}", under.requirements);
    assert!(under.notes.is_empty(), "the newest release reads a prefix");
    let outside = validate_for(&typed("acme-obs", "other.example/mcp"), &[], None, &org);
    assert_eq!(outside.requirements.len(), 1);
    assert_eq!(
        outside.requirements[0].fix, None,
        "no one URL fixes a prefix"
    );
    let mut old = typed("acme-obs", "observability.acme.example/mcp");
    let before = codex_mcp_configurator::clients::codex::REQUIREMENTS_URL_PREFIX
        .since()
        .and_then(|since| {
            codex_mcp_configurator::clients::codex::cli()
                .releases()
                .filter(|r| *r < since)
                .last()
        })
        .expect("a release before prefixes");
    old.codex = before.to_string();
    let v = validate_for(&old, &[], None, &org);
    assert!(
        v.notes
            .iter()
            .any(|n| n.message.contains("refuses to start at all")),
        "{:?}",
        v.notes
    );
}

#[test]
fn a_link_that_changes_the_name_or_the_url_is_a_finding_until_put_back() {
    let defaults = typed("acme-obs", ALLOWED);
    let req = org().requirements;
    for query in [
        "name=acme&url=https%3A%2F%2FObservability.ACME.example%3A443%2Fmcp%2F",
        "url=https%3A%2F%2Fobservability.acme.example%2Fmcp",
    ] {
        let link = apply_share_query(&defaults, query).draft;
        let review = LinkReview::new(link.clone()).under(req.clone());
        let risks = review.risks(&link, &TrustedHosts::default(), &common::to_ascii);
        let found: Vec<_> = risks
            .iter()
            .filter(|r| r.kind == RiskKind::Requirements)
            .collect();
        assert_eq!(found.len(), 1, "{query}: {risks:?}");
        assert!(found[0].consequence.contains("turns this server off"));
        let mut reverted = link.clone();
        RiskKind::Requirements.revert(&mut reverted, &link, &defaults);
        assert_eq!(
            (reverted.name.as_str(), reverted.url.as_str()),
            ("acme-obs", ALLOWED)
        );
        assert!(
            review
                .risks(&reverted, &TrustedHosts::default(), &common::to_ascii)
                .is_empty()
        );
    }
    // A link that keeps the allowed server raises nothing.
    let same = apply_share_query(&defaults, "name=acme-obs&scopes=logs").draft;
    assert!(
        LinkReview::new(same.clone())
            .under(req)
            .risks(&same, &TrustedHosts::default(), &common::to_ascii)
            .is_empty()
    );
}

#[test]
fn the_administrators_outputs_name_the_server_exactly() {
    let config = check(&typed("acme-obs", "observability.acme.example/mcp/"))
        .config
        .expect("valid");
    let exact = requirements_entry(&config, AllowBy::ExactUrl);
    let parsed: toml::Table = exact.parse().expect("TOML");
    assert_eq!(
        parsed["mcp_servers"]["acme-obs"]["identity"]["url"].as_str(),
        Some(ALLOWED)
    );
    let prefix: toml::Table = requirements_entry(&config, AllowBy::OriginPrefix)
        .parse()
        .expect("TOML");
    let matcher = &prefix["mcp_servers"]["acme-obs"]["identity"]["url"];
    assert_eq!(matcher["match"].as_str(), Some("prefix"));
    assert_eq!(
        matcher["value"].as_str(),
        Some("https://observability.acme.example/")
    );
    // The fleet entry carries the allowed URL's exact bytes too (capitals
    // and `:443`, which the normalised URL drops), so the requirements do
    // not turn it off.
    let fleet: toml::Table = managed_config(&config).parse().expect("TOML");
    assert_eq!(
        fleet["mcp_servers"]["acme-obs"]["url"].as_str(),
        Some(ALLOWED)
    );

    // A dotted name stays one key.
    let dotted = check(&typed("acme.obs", "other.example"))
        .config
        .expect("valid");
    let table: toml::Table = requirements_entry(&dotted, AllowBy::ExactUrl)
        .parse()
        .expect("TOML");
    assert!(
        table["mcp_servers"]
            .as_table()
            .unwrap()
            .contains_key("acme.obs")
    );
}

#[test]
fn an_existing_requirements_toml_gets_the_entry_in_place_comments_kept() {
    let url = "\"https://observability.acme.example/mcp\"";
    let existing = "# Acme's Codex requirements\r\nallowed_approval_policies = [\"on-request\"]\r\n\r\n[mcp_servers.docs.identity] # the docs server\r\nurl = \"https://docs.acme.example/mcp\"\r\n";
    let merged = merge_requirements(existing, "acme-obs", url).expect("merges");
    assert!(
        merged.starts_with(existing),
        "everything before is kept byte for byte:\n{merged}"
    );
    assert!(merged.contains("\r\n[mcp_servers.acme-obs.identity]\r\nurl = \"https://observability.acme.example/mcp\"\r\n"), "{merged:?}");
    let parsed: toml::Table = merged.parse().expect("TOML");
    assert_eq!(parsed["mcp_servers"].as_table().unwrap().len(), 2);

    // Merging again changes nothing; another URL updates the line in place.
    assert_eq!(
        merge_requirements(&merged, "acme-obs", url).expect("merges"),
        merged
    );
    let moved = merge_requirements(&merged, "acme-obs", "\"https://new.acme.example/mcp\"")
        .expect("merges");
    assert_eq!(moved.matches("[mcp_servers.acme-obs.identity]").count(), 1);
    assert!(moved.contains("url = \"https://new.acme.example/mcp\""));
    assert!(moved.contains("[mcp_servers.docs.identity] # the docs server"));

    assert!(
        merge_requirements("", "acme-obs", url)
            .expect("merges")
            .contains("[mcp_servers.acme-obs.identity]")
    );
    let bom = merge_requirements("\u{feff}# x\n", "acme-obs", url).expect("merges");
    assert!(bom.starts_with("\u{feff}# x\n"));
    let broken = merge_requirements("a = \n", "acme-obs", url).expect_err("not TOML");
    assert!(broken.starts_with("Line 1, column"), "{broken}");
    assert!(
        merge_requirements("mcp_servers = 5\n", "acme-obs", url)
            .expect_err("no table")
            .contains("not a table")
    );
}

#[test]
fn the_macos_profile_is_a_plist_whose_values_decode_to_the_files() {
    let config = check(&typed("acme-obs", ALLOWED)).config.expect("valid");
    let requirements = requirements_entry(&config, AllowBy::ExactUrl);
    let managed = managed_config(&config);
    let profile = mobileconfig("acme-obs", &requirements, &managed);
    // Python's plistlib, an independent reader of Apple's format.
    let script = r#"
import plistlib, sys, base64, json
p = plistlib.loads(sys.stdin.buffer.read())
c = p["PayloadContent"][0]
print(json.dumps({"type": p["PayloadType"], "inner": c["PayloadType"], "uuids": [p["PayloadUUID"], c["PayloadUUID"]],
  "req": base64.b64decode(c["requirements_toml_base64"]).decode(), "cfg": base64.b64decode(c["config_toml_base64"]).decode()}))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs (Debian's, on every machine of this kind)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(profile.as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("python3");
    assert!(
        out.status.success(),
        "plistlib refuses the profile:\n{profile}"
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(read["type"], "Configuration");
    assert_eq!(read["inner"], "com.openai.codex");
    assert_eq!(read["req"], requirements.as_str());
    assert_eq!(read["cfg"], managed.as_str());
    assert_ne!(read["uuids"][0], read["uuids"][1]);
    assert_eq!(base64(&requirements), {
        use std::io::Read;
        let mut b = Vec::new();
        std::process::Command::new("base64")
            .args(["-w0"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map(|mut c| {
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(requirements.as_bytes())
                    .unwrap();
                c.stdout.take().unwrap().read_to_end(&mut b).unwrap();
                c.wait().unwrap();
            })
            .expect("coreutils base64");
        String::from_utf8(b).unwrap()
    });
    // The same files give the same profile: installing it again replaces it.
    assert_eq!(profile, mobileconfig("acme-obs", &requirements, &managed));
}

/// Runs `script` (bash) as root in a private mount namespace whose `/etc`
/// is an overlay holding `etc_codex` as `/etc/codex`: Codex reads the
/// administrator's files there, the machine's own /etc is untouched. Fails
/// loudly without root.
pub fn under_etc_codex(
    etc_codex: &[(&str, &str)],
    home: &std::path::Path,
    script: &str,
) -> std::process::Output {
    assert_eq!(
        std::process::Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
        b"0\n",
        "this test needs root for a private mount namespace (unshare --mount) over /etc"
    );
    let dir = home.join("etc-overlay");
    std::fs::create_dir_all(dir.join("upper/codex")).unwrap();
    std::fs::create_dir_all(dir.join("work")).unwrap();
    for (name, text) in etc_codex {
        std::fs::write(dir.join("upper/codex").join(name), text).unwrap();
    }
    let mount = format!(
        "mount -t overlay overlay -o lowerdir=/etc,upperdir={0}/upper,workdir={0}/work /etc",
        dir.display()
    );
    std::process::Command::new("unshare")
        .args(["--mount", "bash", "-c", &format!("{mount} && {script}")])
        .env("HOME", home)
        .env_remove("CODEX_HOME")
        .env(
            "PATH",
            format!(
                "{}:{}",
                common::codex::codex_bin().parent().unwrap().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .current_dir(home)
        .output()
        .expect("unshare runs")
}

#[test]
fn the_verify_output_of_the_real_codex_says_when_requirements_turned_the_server_off() {
    let home = common::codex::fresh_home("verify-requirements");
    std::fs::write(
        home.join(".codex/config.toml"),
        "[mcp_servers.acme]\nurl = \"https://observability.acme.example/mcp\"\n\n[mcp_servers.acme-obs]\nurl = \"https://Observability.ACME.example:443/mcp/\"\n",
    )
    .unwrap();
    let requirements = format!("[mcp_servers.acme-obs.identity]\nurl = \"{ALLOWED}\"\n");
    let out = under_etc_codex(
        &[("requirements.toml", &requirements)],
        &home,
        "codex --version; codex mcp get acme; codex mcp list; codex mcp get acme-obs",
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let renamed = read_verify_output(&printed, "acme");
    assert_eq!(
        renamed.release,
        Some(codex_mcp_configurator::clients::codex::newest())
    );
    assert!(
        renamed
            .entry
            .as_ref()
            .is_some_and(EntryState::by_requirements),
        "{printed}\n{renamed:?}"
    );
    let allowed = read_verify_output(&printed, "acme-obs");
    assert_eq!(allowed.entry, Some(EntryState::Enabled), "{printed}");
    assert_eq!(read_verify_output(&printed, "nothing").entry, None);
    let _ = std::fs::remove_dir_all(&home);
}
