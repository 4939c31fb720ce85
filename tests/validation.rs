//! Every validation rule and every message path, checked on the public API.
#![cfg(not(target_arch = "wasm32"))]

use codex_mcp_configurator::catalog::kloudfuse_tools;
use codex_mcp_configurator::model::{Draft, Field, Seconds};
use codex_mcp_configurator::validate::{Severity, Validation, normalize_mcp_url, with_ascii_host};

mod common;

fn draft(name: &str, url: &str) -> Draft {
    Draft {
        name: name.to_owned(),
        url: url.to_owned(),
        ..Draft::default()
    }
}

fn check(d: &Draft) -> Validation {
    common::validate_as_the_page(d, &kloudfuse_tools())
}

fn errors(v: &Validation, field: Field) -> Vec<String> {
    v.messages(field, Severity::Error)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn warnings(v: &Validation, field: Field) -> Vec<String> {
    v.messages(field, Severity::Warning)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Asserts exactly one error on `field`, containing every fragment.
fn assert_one_error(v: &Validation, field: Field, fragments: &[&str]) {
    let errs = errors(v, field);
    assert_eq!(errs.len(), 1, "expected one {field:?} error, got {errs:?}");
    for fragment in fragments {
        assert!(
            errs[0].contains(fragment),
            "{:?} lacks {fragment:?}",
            errs[0]
        );
    }
    assert!(v.config.is_none(), "an error must withhold the config");
}

// ---------- name ----------

#[test]
fn default_name_with_a_host_is_valid_without_findings() {
    let v = check(&draft("kfuse", "acme.kloudfuse.io"));
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    let config = v.config.expect("valid");
    assert_eq!(config.name, "kfuse");
    assert_eq!(config.url.as_str(), "https://acme.kloudfuse.io/mcp");
}

#[test]
fn empty_name_is_an_error_that_suggests_one() {
    let v = check(&draft("", "acme.kloudfuse.io"));
    assert_one_error(&v, Field::Name, &["Enter a server name", "kfuse"]);
}

#[test]
fn space_in_name_is_named_with_the_allowed_characters() {
    let v = check(&draft("k fuse", "acme.kloudfuse.io"));
    assert_one_error(
        &v,
        Field::Name,
        &["`k fuse`: a space is not allowed in a server name; use letters, digits, - _ : @ / ."],
    );
}

#[test]
fn non_ascii_in_name_is_named_as_such() {
    let v = check(&draft("kfusé", "acme.kloudfuse.io"));
    assert_one_error(&v, Field::Name, &["`é` (not ASCII) is not allowed"]);
}

#[test]
fn control_character_in_name_is_shown_as_a_code_point() {
    let v = check(&draft("k\u{7}f", "acme.kloudfuse.io"));
    assert_one_error(&v, Field::Name, &["U+0007 is not allowed", "`kU+0007f`"]);
}

#[test]
fn punctuation_outside_the_set_is_refused() {
    for bad in ["k!f", "k$f", "k'f", "k\"f", "k;f", "k=f", "k[f]", "k#f"] {
        let v = check(&draft(bad, "acme.kloudfuse.io"));
        let errs = errors(&v, Field::Name);
        assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
        assert!(
            errs[0].contains("is not allowed in a server name"),
            "{bad}: {errs:?}"
        );
    }
}

#[test]
fn leading_dash_is_refused_because_the_cli_reads_it_as_an_option() {
    let v = check(&draft("-kfuse", "acme.kloudfuse.io"));
    assert_one_error(&v, Field::Name, &["cannot start with -", "codex mcp add"]);
}

#[test]
fn characters_newer_releases_take_pass_silently_on_the_newest_and_block_on_older_ones() {
    for name in ["kfuse.prod", "team/kfuse", "k:prod", "ops@kfuse"] {
        let v = check(&draft(name, "acme.kloudfuse.io"));
        assert!(v.findings.is_empty(), "{name}: {:?}", v.findings);
        assert!(v.notes.is_empty(), "{name}: {:?}", v.notes);
        assert_eq!(v.config.expect("valid").name, name);

        let mut old = draft(name, "acme.kloudfuse.io");
        old.codex = "0.130".to_owned();
        let v = check(&old);
        assert!(
            v.config.is_none(),
            "Codex 0.130's mcp add and remove refuse {name}"
        );
        assert!(v.field_blocked(Field::Name));
        assert!(
            v.notes
                .iter()
                .any(|n| n.blocks && n.message.contains("Codex 0.130 takes only letters")),
            "{:?}",
            v.notes
        );
    }
}

#[test]
fn letters_digits_dash_underscore_pass_silently() {
    let v = check(&draft("Kfuse_prod-2", "acme.kloudfuse.io"));
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}

#[test]
fn long_qualified_tool_name_warns_with_the_length() {
    // mcp__ (5) + 40 + __ (2) + delete_all_entities (19) = 66
    let name = "a".repeat(40);
    let v = check(&draft(&name, "acme.kloudfuse.io"));
    let warns = warnings(&v, Field::Name);
    assert_eq!(warns.len(), 1, "{warns:?}");
    assert!(
        warns[0].contains("is 66 characters, over the limit of 64"),
        "{warns:?}"
    );
    assert!(
        warns[0].contains("at least 2 characters shorter"),
        "{warns:?}"
    );
    assert!(v.config.is_some(), "a warning must not withhold the config");
}

#[test]
fn qualified_length_uses_the_allow_list_when_set() {
    let name = "a".repeat(40);
    let mut d = draft(&name, "acme.kloudfuse.io");
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["logs".to_owned()];
    let v = check(&d);
    assert!(warnings(&v, Field::Name).is_empty(), "{:?}", v.findings);
}

#[test]
fn exactly_64_characters_does_not_warn() {
    let name = "a".repeat(38); // 5 + 38 + 2 + 19 = 64
    let v = check(&draft(&name, "acme.kloudfuse.io"));
    assert!(warnings(&v, Field::Name).is_empty(), "{:?}", v.findings);
}

// ---------- URL ----------

fn normalized(input: &str) -> String {
    let ascii = with_ascii_host(input, &common::to_ascii);
    normalize_mcp_url(ascii.as_deref().unwrap_or(input), "Codex")
        .expect("valid URL")
        .url
        .to_string()
}

#[test]
fn bare_host_gets_https_and_mcp() {
    assert_eq!(
        normalized("acme.kloudfuse.io"),
        "https://acme.kloudfuse.io/mcp"
    );
    assert_eq!(
        normalized("https://acme.kloudfuse.io"),
        "https://acme.kloudfuse.io/mcp"
    );
    assert_eq!(
        normalized("https://acme.kloudfuse.io/"),
        "https://acme.kloudfuse.io/mcp"
    );
    assert_eq!(
        normalized("https://acme.kloudfuse.io/mcp"),
        "https://acme.kloudfuse.io/mcp"
    );
}

#[test]
fn whatwg_serialisation_lowercases_and_punycodes() {
    assert_eq!(
        normalized("ACME.Kloudfuse.IO/MCP"),
        "https://acme.kloudfuse.io/MCP"
    );
    assert_eq!(
        normalized("bücher.example"),
        "https://xn--bcher-kva.example/mcp"
    );
    assert_eq!(normalized("HTTPS://acme.io:443/mcp"), "https://acme.io/mcp");
}

#[test]
fn host_with_port_is_not_mistaken_for_a_scheme() {
    assert_eq!(normalized("acme.io:8443"), "https://acme.io:8443/mcp");
    assert_eq!(
        normalized("localhost:8080/mcp"),
        "https://localhost:8080/mcp"
    );
}

#[test]
fn surrounding_whitespace_from_a_paste_is_ignored() {
    assert_eq!(normalized("  acme.io\n"), "https://acme.io/mcp");
}

fn url_error(input: &str) -> String {
    let v = check(&draft("kfuse", input));
    let errs = errors(&v, Field::Url);
    assert_eq!(errs.len(), 1, "{input}: {errs:?}");
    assert!(v.config.is_none());
    errs[0].clone()
}

#[test]
fn empty_url_asks_for_one() {
    assert!(url_error("").contains("Enter your cluster's URL"));
    assert!(url_error("   ").contains("Enter your cluster's URL"));
}

#[test]
fn other_schemes_are_refused_by_name() {
    assert!(url_error("ftp://acme.io/mcp").contains("`ftp:` URLs are not supported"));
    assert!(url_error("javascript:alert(1)").contains("`javascript:` URLs are not supported"));
    assert!(url_error("mailto:ops@acme.io").contains("`mailto:` URLs are not supported"));
    assert!(url_error("ws://acme.io/mcp").contains("`ws:` URLs are not supported"));
}

#[test]
fn plain_http_is_refused_for_a_remote_host() {
    let e = url_error("http://acme.io/mcp");
    assert!(
        e.contains("http:// is allowed only for a server on this computer"),
        "{e}"
    );
    assert!(e.contains("https://acme.io"), "{e}");
}

#[test]
fn plain_http_on_loopback_warns() {
    for input in [
        "http://127.0.0.1:3000/mcp",
        "http://localhost:3000",
        "http://[::1]/mcp",
        "http://127.8.0.1/",
    ] {
        let v = check(&draft("kfuse", input));
        assert!(
            errors(&v, Field::Url).is_empty(),
            "{input}: {:?}",
            v.findings
        );
        let warns = warnings(&v, Field::Url);
        assert_eq!(warns.len(), 1, "{input}: {warns:?}");
        assert!(warns[0].contains("http:// is not encrypted"));
    }
}

#[test]
fn missing_host_is_an_error() {
    assert!(url_error("https://").contains("no host name"));
    assert!(url_error("https:///mcp").contains("no host name"));
    assert!(url_error("https://?x=1").contains("no host name"));
}

#[test]
fn credentials_in_the_url_are_refused() {
    assert!(url_error("https://user:pw@acme.io/mcp").contains("Remove the user:password@ part"));
    assert!(url_error("https://user@acme.io/mcp").contains("Remove the user:password@ part"));
}

#[test]
fn fragment_is_refused() {
    assert!(url_error("https://acme.io/mcp#x").contains("Remove the #… part"));
    assert!(url_error("https://acme.io/mcp#").contains("Remove the #… part"));
}

#[test]
fn spaces_inside_are_refused() {
    let e = url_error("https://acme.io/m cp");
    assert!(e.contains("a space is not allowed in a URL"), "{e}");
    assert!(url_error("acme.io/\tmcp").contains("a tab is not allowed"));
}

#[test]
fn bad_ports_and_hosts_explain_themselves() {
    assert!(url_error("acme.io:99999").contains("the port must be a number"));
    assert!(url_error("https://[::1/mcp").contains("IPv6 address is not valid"));
    assert!(url_error("https://ac<me.io/").contains("not a usable URL"));
}

#[test]
fn query_string_warns_and_is_kept() {
    let v = check(&draft("kfuse", "https://acme.io/mcp?tenant=a&x=$y"));
    let warns = warnings(&v, Field::Url);
    assert_eq!(warns.len(), 1, "{warns:?}");
    assert!(warns[0].contains("query string"), "{warns:?}");
    assert_eq!(
        v.config.expect("valid").url.as_str(),
        "https://acme.io/mcp?tenant=a&x=$y"
    );
}

#[test]
fn empty_query_is_dropped() {
    assert_eq!(normalized("https://acme.io/mcp?"), "https://acme.io/mcp");
}

#[test]
fn credential_in_query_is_refused() {
    let e = url_error("https://acme.io/mcp?access_token=abc");
    assert!(e.contains("`access_token=`"), "{e}");
    assert!(e.contains("looks like a credential"), "{e}");
}

#[test]
fn a_huge_url_is_refused_with_its_length() {
    let e = url_error(&format!("acme.io/{}", "a".repeat(10_000)));
    assert!(e.contains("10008 characters"), "{e}");
}

#[test]
fn the_normalized_url_is_reported_even_when_another_field_fails() {
    let v = check(&draft("k fuse", "acme.io"));
    assert!(v.config.is_none());
    assert_eq!(
        v.normalized_url.expect("url").as_str(),
        "https://acme.io/mcp"
    );
}

// ---------- tools ----------

fn with_tools(allow_only: bool, enabled: &[&str], disabled: &[&str]) -> Validation {
    let mut d = draft("kfuse", "acme.io");
    d.tools.allow_only = allow_only;
    d.tools.enabled_tools = enabled.iter().map(|s| (*s).to_owned()).collect();
    d.tools.disabled_tools = disabled.iter().map(|s| (*s).to_owned()).collect();
    check(&d)
}

#[test]
fn allow_only_with_nothing_is_an_error() {
    let v = with_tools(true, &[], &[]);
    assert_one_error(&v, Field::Tools, &["list is empty", "expose no tools"]);
}

#[test]
fn allow_list_is_ignored_unless_chosen() {
    let v = with_tools(false, &["logs_search"], &[]);
    assert_eq!(v.config.expect("valid").enabled_tools, None);
}

#[test]
fn invalid_tool_names_are_errors_naming_the_character() {
    let v = with_tools(true, &["logs search"], &[]);
    assert_one_error(
        &v,
        Field::Tools,
        &["`logs search`: a space is not allowed in a tool name"],
    );
    let v = with_tools(false, &[], &["rm/-rf"]);
    assert_one_error(&v, Field::Tools, &["`/` is not allowed in a tool name"]);
    let v = with_tools(false, &[], &[""]);
    assert_one_error(&v, Field::Tools, &["cannot be empty"]);
    let v = with_tools(false, &[], &[&"t".repeat(129)]);
    assert_one_error(&v, Field::Tools, &["129 characters", "at most 128"]);
}

#[test]
fn a_128_character_tool_name_is_fine() {
    let long = "t".repeat(128);
    let v = with_tools(false, &[], &[&long]);
    assert!(errors(&v, Field::Tools).is_empty(), "{:?}", v.findings);
}

#[test]
fn tool_in_both_lists_warns_that_block_wins() {
    let v = with_tools(true, &["logs_search", "prometheus_query"], &["logs_search"]);
    let warns = warnings(&v, Field::Tools);
    assert_eq!(warns.len(), 1, "{warns:?}");
    assert!(warns[0].contains("`logs_search` is in both lists; the block list wins"));
    assert!(v.config.is_some());
}

#[test]
fn duplicates_are_dropped_in_order() {
    let v = with_tools(true, &["b", "a", "b"], &["x", "x"]);
    let config = v.config.expect("valid");
    assert_eq!(
        config.enabled_tools,
        Some(vec!["b".to_owned(), "a".to_owned()])
    );
    assert_eq!(config.disabled_tools, vec!["x".to_owned()]);
}

// ---------- advanced ----------

fn advanced(edit: impl FnOnce(&mut Draft)) -> Validation {
    let mut d = draft("kfuse", "acme.io");
    edit(&mut d);
    check(&d)
}

#[test]
fn timeouts_accept_positive_decimals() {
    let v = advanced(|d| {
        d.startup_timeout_sec = " 30 ".to_owned();
        d.tool_timeout_sec = "12.5".to_owned();
    });
    let config = v.config.expect("valid");
    let shown = |s: Option<Seconds>| s.map(|s| (s.to_string(), s.to_toml()));
    assert_eq!(
        shown(config.startup_timeout_sec),
        Some(("30".to_owned(), "30.0".to_owned()))
    );
    assert_eq!(
        shown(config.tool_timeout_sec),
        Some(("12.5".to_owned(), "12.5".to_owned()))
    );
}

#[test]
fn timeouts_are_written_in_their_shortest_form_without_float_rounding() {
    for (typed, shown, toml) in [
        ("007", "7", "7.0"),
        ("7.", "7", "7.0"),
        (".25", "0.25", "0.25"),
        ("12.500", "12.5", "12.5"),
        ("0.1", "0.1", "0.1"),
        (
            "0.30000000000000004",
            "0.30000000000000004",
            "0.30000000000000004",
        ),
        ("86400", "86400", "86400.0"),
        ("86400.0", "86400", "86400.0"),
    ] {
        let config = advanced(|d| d.tool_timeout_sec = typed.to_owned())
            .config
            .unwrap_or_else(|| panic!("{typed} is valid"));
        let seconds = config.tool_timeout_sec.expect("set");
        assert_eq!(
            (seconds.to_string().as_str(), seconds.to_toml().as_str()),
            (shown, toml),
            "{typed}"
        );
    }
    for typed in ["86400.5", "100000", "."] {
        assert!(
            advanced(|d| d.tool_timeout_sec = typed.to_owned())
                .config
                .is_none(),
            "{typed}"
        );
    }
}

#[test]
fn empty_timeouts_leave_codex_defaults() {
    let config = advanced(|_| {}).config.expect("valid");
    assert_eq!(config.startup_timeout_sec, None);
    assert_eq!(config.tool_timeout_sec, None);
}

#[test]
fn timeout_errors_say_what_to_enter() {
    for (typed, fragment) in [
        ("abc", "`abc` is not a number of seconds"),
        ("-5", "`-5` is not a number of seconds"),
        ("1e3", "`1e3` is not a number of seconds"),
        ("inf", "`inf` is not a number of seconds"),
        ("NaN", "`NaN` is not a number of seconds"),
        ("1.2.3", "`1.2.3` is not a number of seconds"),
        ("0", "must be more than 0 seconds"),
        ("0.0", "must be more than 0 seconds"),
        ("86401", "at most 86400 seconds"),
        ("99999999999999999999999", "at most 86400 seconds"),
    ] {
        let v = advanced(|d| d.startup_timeout_sec = typed.to_owned());
        assert_one_error(&v, Field::StartupTimeout, &[fragment]);
        let v = advanced(|d| d.tool_timeout_sec = typed.to_owned());
        assert_one_error(&v, Field::ToolTimeout, &[]);
    }
}

#[test]
fn scopes_split_on_commas_and_spaces_and_dedupe() {
    let config = advanced(|d| d.scopes = "openid, mcp:read  mcp:read,,offline_access".to_owned())
        .config
        .expect("valid");
    assert_eq!(config.scopes, ["openid", "mcp:read", "offline_access"]);
}

#[test]
fn scope_with_a_quote_or_backslash_is_an_error() {
    let v = advanced(|d| d.scopes = "read \"all\"".to_owned());
    assert_one_error(
        &v,
        Field::Scopes,
        &["`\"all\"`", "is not allowed in an OAuth scope"],
    );
    let v = advanced(|d| d.scopes = "a\\b".to_owned());
    assert_one_error(
        &v,
        Field::Scopes,
        &["`\\` is not allowed in an OAuth scope"],
    );
    let v = advanced(|d| d.scopes = "lecture".to_owned() + "é");
    assert_one_error(&v, Field::Scopes, &["is not allowed in an OAuth scope"]);
}

#[test]
fn oauth_resource_must_be_an_absolute_https_url() {
    let ok = advanced(|d| d.oauth_resource = "https://acme.io".to_owned())
        .config
        .expect("valid");
    assert_eq!(
        ok.oauth_resource.as_deref(),
        Some("https://acme.io"),
        "kept exactly as typed"
    );
    for (typed, fragment) in [
        ("acme.io", "it is not an absolute URL"),
        ("ftp://acme.io", "it must start with https://"),
        ("https://acme.io/#x", "must not have a #fragment"),
        (
            "https://u:p@acme.io/",
            "must not hold a user name or password",
        ),
        ("https://acme .io/", "a space is not allowed in it"),
    ] {
        let v = advanced(|d| d.oauth_resource = typed.to_owned());
        assert_one_error(&v, Field::OauthResource, &[fragment, "leave it empty"]);
    }
}

#[test]
fn client_id_is_printable_ascii_without_quotes() {
    let ok = advanced(|d| d.oauth_client_id = " 0oa1b2C3d4E5f6G7h8i9 ".to_owned())
        .config
        .expect("valid");
    assert_eq!(ok.oauth_client_id.as_deref(), Some("0oa1b2C3d4E5f6G7h8i9"));
    let v = advanced(|d| d.oauth_client_id = "my client".to_owned());
    assert_one_error(
        &v,
        Field::OauthClientId,
        &["a space is not allowed in a client id"],
    );
    let v = advanced(|d| d.oauth_client_id = "a\"b".to_owned());
    assert_one_error(
        &v,
        Field::OauthClientId,
        &["`\"` is not allowed in a client id"],
    );
}

#[test]
fn client_id_that_is_a_token_is_refused_without_echoing_it() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig";
    let v = advanced(|d| d.oauth_client_id = token.to_owned());
    assert_one_error(&v, Field::OauthClientId, &["looks like a token"]);
    assert!(v.findings.iter().all(|f| !f.message.contains(token)));
}

#[test]
fn env_var_name_rules() {
    let ok = advanced(|d| d.bearer_token_env_var = "KFUSE_TOKEN".to_owned())
        .config
        .expect("valid");
    assert_eq!(ok.bearer_token_env_var.as_deref(), Some("KFUSE_TOKEN"));
    for bad in ["1TOKEN", "KFUSE-TOKEN", "$KFUSE_TOKEN"] {
        let v = advanced(|d| d.bearer_token_env_var = bad.to_owned());
        assert_one_error(
            &v,
            Field::BearerTokenEnvVar,
            &["starts with a letter or _", "KFUSE_TOKEN"],
        );
    }
}

#[test]
fn literal_tokens_are_refused_and_never_echoed() {
    for token in [
        "Bearer abcdef123456",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "sk-proj-abcdefghijklmnop",
        "a8Fk2LmQ9zR4tY7uW1xC5vB3",
        "dGhpcyBpcyBhIHRva2Vu+/=",
    ] {
        let v = advanced(|d| d.bearer_token_env_var = token.to_owned());
        assert_one_error(
            &v,
            Field::BearerTokenEnvVar,
            &["looks like a token", "Never paste the token here"],
        );
        assert!(
            v.findings.iter().all(|f| !f.message.contains(token)),
            "{token} echoed"
        );
    }
}

#[test]
fn bearer_token_excludes_oauth_settings() {
    let v = advanced(|d| {
        d.bearer_token_env_var = "KFUSE_TOKEN".to_owned();
        d.scopes = "openid".to_owned();
    });
    assert_one_error(&v, Field::BearerTokenEnvVar, &["replaces OAuth sign-in"]);
    let v = advanced(|d| {
        d.bearer_token_env_var = "KFUSE_TOKEN".to_owned();
        d.oauth_client_id = "abc".to_owned();
    });
    assert_one_error(&v, Field::BearerTokenEnvVar, &["replaces OAuth sign-in"]);
}

#[test]
fn overlong_free_text_fields_are_refused() {
    let long = "a".repeat(10_000);
    let v = advanced(|d| d.oauth_client_id = long.clone());
    assert_one_error(&v, Field::OauthClientId, &["10000 characters"]);
    let v = advanced(|d| d.scopes = long.clone());
    assert_one_error(&v, Field::Scopes, &["10000 characters"]);
    let v = advanced(|d| d.startup_timeout_sec = long.clone());
    assert_one_error(&v, Field::StartupTimeout, &["10000 characters"]);
}

#[test]
fn enabled_and_required_pass_through() {
    let config = advanced(|d| {
        d.enabled = false;
        d.required = true;
    })
    .config
    .expect("valid");
    assert!(!config.enabled);
    assert!(config.required);
}

#[test]
fn warnings_never_carry_error_severity() {
    let mut d = draft("kfuse.prod", "http://127.0.0.1:9/mcp?x=1");
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["a".to_owned()];
    d.tools.disabled_tools = vec!["a".to_owned()];
    let v = check(&d);
    assert!(v.config.is_some(), "{:?}", v.findings);
    assert_eq!(v.findings.len(), 3, "{:?}", v.findings);
    assert!(v.findings.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn international_hosts_are_converted_where_they_sit_in_the_typed_url() {
    let ascii = |typed: &str| with_ascii_host(typed, &common::to_ascii);
    assert_eq!(
        ascii("acme.kloudfuse.io"),
        None,
        "ASCII hosts are left alone"
    );
    assert_eq!(
        ascii("https://bücher.example:8443/mcp?q=ü#x").as_deref(),
        Some("https://xn--bcher-kva.example:8443/mcp?q=ü#x"),
        "only the host changes: not the port, path, query or fragment"
    );
    assert_eq!(
        ascii("me:pw@日本.test/mcp").as_deref(),
        Some("me:pw@xn--wgv71a.test/mcp"),
        "user info stays for validation to refuse"
    );
    assert_eq!(
        ascii("ÄCME．example").as_deref(),
        Some("xn--cme-pla.example"),
        "UTS #46 maps case and full-width dots"
    );
    assert_eq!(
        ascii("http://[::1]:8080/ü"),
        None,
        "an IPv6 literal has no name to convert"
    );
}

#[test]
fn a_host_the_browser_cannot_convert_is_refused_with_a_reason() {
    // U+FFFD and a lone combining mark are not allowed in a domain name;
    // `%C3%BC` is `ü` escaped, which the URL parser would decode and hand to
    // its Unicode-free IDNA back end (a debug assertion there once fired).
    for typed in [
        "bad\u{FFFD}.example",
        "\u{0301}acme.example",
        "A%C3%BC.example",
    ] {
        let v = check(&draft("kfuse", typed));
        assert!(v.config.is_none(), "{typed}");
        let url_errors = errors(&v, Field::Url);
        assert!(
            url_errors
                .iter()
                .any(|e| e.contains("not a valid international domain name")),
            "{typed}: {url_errors:?}"
        );
    }
}

#[test]
fn an_international_oauth_resource_is_converted_too() {
    let mut d = draft("kfuse", "acme.io");
    d.oauth_resource = "https://bücher.example/mcp".to_owned();
    let config = common::config_of(&d);
    assert_eq!(
        config.oauth_resource.as_deref(),
        Some("https://xn--bcher-kva.example/mcp")
    );
}

#[test]
fn a_missing_output_names_the_fields_it_needs() {
    assert_eq!(
        check(&draft("kfuse", "")).not_ready("the commands"),
        "Fill in or fix the cluster URL to get the commands."
    );
    let both = check(&draft("k fuse", "ftp://acme.io"));
    assert_eq!(
        both.not_ready("this"),
        "Fill in or fix the server name and the cluster URL to get this."
    );
    let mut three = draft("", "");
    three.startup_timeout_sec = "soon".to_owned();
    assert_eq!(
        check(&three).not_ready("this"),
        "Fill in or fix the server name, the cluster URL and the startup timeout to get this."
    );
    // A valid draft has nothing missing; the sentence still reads.
    let ok = check(&draft("kfuse", "acme.kloudfuse.io"));
    assert!(ok.is_valid());
    assert_eq!(ok.not_ready("this"), "Fill in or fix the form to get this.");
}
