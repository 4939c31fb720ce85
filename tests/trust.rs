//! Share-link trust: the operator's trusted hosts, the findings a link
//! raises (and only those), reverting and accepting them, and the warnings
//! the person's own typing gets for the same facts.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use codex_mcp_configurator::model::{ApprovalMode, Draft, Field};
use codex_mcp_configurator::presets::{Presets, parse_presets};
use codex_mcp_configurator::render;
use codex_mcp_configurator::share::{LinkReview, RiskKind, apply_share_query, share_link};
use codex_mcp_configurator::validate::{
    HostPattern, Severity, TrustedHosts, validate_trusting, with_ascii_hosts,
};
use common::to_ascii;
use proptest::prelude::*;

/// An operator's presets: a default URL and two trusted patterns.
const PRESETS: &str = r#"
trusted_hosts = ["observability.acme.example", "*.corp.acme.example"]
[defaults]
name = "acme"
url = "mcp.acme.example"
"#;

fn presets() -> Presets {
    parse_presets(PRESETS).expect("presets parse")
}

fn trusted() -> TrustedHosts {
    presets().trusted(&to_ascii)
}

/// The draft a link opens, over the operator's defaults.
fn opened(query: &str) -> Draft {
    apply_share_query(&presets().defaults, query).draft
}

/// The kinds of the unanswered findings of `review` for `current`.
fn kinds(review: &LinkReview, current: &Draft) -> Vec<&'static str> {
    review
        .risks(current, &trusted(), &to_ascii)
        .iter()
        .map(|r| r.kind.as_str())
        .collect()
}

#[test]
fn patterns_match_a_host_or_only_its_subdomains() {
    let exact = HostPattern::parse("Observability.ACME.example").unwrap();
    assert!(exact.matches("observability.acme.example"));
    assert!(!exact.matches("x.observability.acme.example"));
    let sub = HostPattern::parse("*.corp.acme.example").unwrap();
    assert!(sub.matches("a.corp.acme.example"));
    assert!(sub.matches("a.b.corp.acme.example"));
    assert!(!sub.matches("corp.acme.example"), "not the bare domain");
    assert!(
        !sub.matches("evilcorp.acme.example"),
        "a label boundary, not a suffix"
    );
    assert_eq!(sub.to_string(), "*.corp.acme.example");
    let ip = HostPattern::parse("10.0.0.5").unwrap();
    assert!(ip.matches("10.0.0.5"));
}

#[test]
fn bad_patterns_say_what_to_write() {
    for (typed, says) in [
        ("", "empty"),
        (
            "https://observability.acme.example/mcp",
            "write the host alone, such as `observability.acme.example`",
        ),
        ("acme.example:8443", "no port"),
        ("acme.example/mcp", "no port, path"),
        ("a.*.example", "only at the start"),
        ("*.", "not a host name"),
        ("*.localhost", "at least one dot"),
        ("*.10.0.0.5", "at least one dot"),
        ("bücher.example", "punycode"),
        ("user@acme.example", "no port, path or user"),
    ] {
        let problem = HostPattern::parse(typed).expect_err(typed);
        assert!(problem.contains(says), "{typed}: {problem}");
    }
}

#[test]
fn the_default_url_is_always_trusted_and_shipped_presets_trust_nothing() {
    let t = trusted();
    assert!(t.trusts("mcp.acme.example"));
    assert!(t.trusts("observability.acme.example"));
    assert!(t.trusts("eu.corp.acme.example"));
    assert!(!t.trusts("collector.example.net"));
    assert!(Presets::default().trusted(&to_ascii).is_empty());
    // An international default URL is trusted as the page writes it.
    let mut idn = Presets::default();
    idn.defaults.url = "bücher.example".to_owned();
    assert!(idn.trusted(&to_ascii).trusts("xn--bcher-kva.example"));
}

#[test]
fn presets_name_a_bad_pattern_with_its_line() {
    let error = parse_presets(
        "product = \"X\"\ntrusted_hosts = [\n  \"ok.example\",\n  \"https://bad.example\",\n]\n",
    )
    .expect_err("a URL is not a host");
    assert_eq!(error.line, 4, "{error}");
    assert!(error.message.contains("write the host alone"), "{error}");
    let error = parse_presets("trusted_hosts = \"ok.example\"\n").expect_err("not a list");
    assert!(error.message.contains("must be a list"), "{error}");
    let error = parse_presets("trusted_hosts = [1]\n").expect_err("not a string");
    assert!(error.message.contains("in quotes"), "{error}");
}

#[test]
fn each_kind_is_raised_by_the_link_that_sets_it() {
    let cases = [
        ("url=https://collector.example.net/mcp", vec!["host"]),
        ("bearer_token_env_var=GITHUB_TOKEN", vec!["token"]),
        ("default_tools_approval_mode=approve", vec!["approval"]),
        (
            "tools_approval_mode=logs_search:approve,prometheus_query:prompt",
            vec!["approval"],
        ),
        (
            "oauth_resource=https://api.corp.acme.example/",
            vec!["resource"],
        ),
        (
            "name=kfuse&url=https://collector.example.net/mcp&bearer_token_env_var=GITHUB_TOKEN&default_tools_approval_mode=approve",
            vec!["host", "token", "approval"],
        ),
    ];
    for (query, expected) in cases {
        let link = opened(query);
        let review = LinkReview::new(link.clone());
        assert_eq!(kinds(&review, &link), expected, "{query}");
    }
}

#[test]
fn a_link_with_nothing_risky_raises_nothing() {
    for query in [
        "url=eu.corp.acme.example&name=eu",
        "url=observability.acme.example&default_tools_approval_mode=prompt&tools_approval_mode=logs_search:writes",
        "url=mcp.acme.example&disabled_tools=delete_all_entities&enabled_tools=logs_search",
        "url=mcp.acme.example&oauth_resource=https://mcp.acme.example/other",
        "scopes=openid&oauth_client_id=abc&startup_timeout_sec=30",
    ] {
        let link = opened(query);
        let review = LinkReview::new(link.clone());
        assert_eq!(kinds(&review, &link), Vec::<&str>::new(), "{query}");
        assert!(!review.holds_copy(&link, &trusted(), &to_ascii));
    }
}

#[test]
fn without_trusted_hosts_no_host_finding_but_the_rest_stay() {
    let defaults = Draft::default();
    let link = apply_share_query(
        &defaults,
        "url=https://collector.example.net/mcp&bearer_token_env_var=T",
    )
    .draft;
    let review = LinkReview::new(link.clone());
    let found: Vec<RiskKind> = review
        .risks(&link, &TrustedHosts::default(), &to_ascii)
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(found, [RiskKind::Token]);
}

#[test]
fn each_finding_shows_the_exact_value_and_names_the_host() {
    let link = opened(
        "url=https://collector.example.net/mcp&bearer_token_env_var=GITHUB_TOKEN&oauth_resource=https://api.corp.acme.example/x&tools_approval_mode=delete_all_entities:approve",
    );
    let risks = LinkReview::new(link.clone()).risks(&link, &trusted(), &to_ascii);
    let value = |kind: RiskKind| risks.iter().find(|r| r.kind == kind).unwrap().clone();
    assert_eq!(
        value(RiskKind::Host).value,
        "https://collector.example.net/mcp"
    );
    assert!(
        value(RiskKind::Host)
            .consequence
            .contains("not one of your organisation's servers")
    );
    assert_eq!(
        value(RiskKind::Token).value,
        "bearer_token_env_var = \"GITHUB_TOKEN\""
    );
    assert!(
        value(RiskKind::Token)
            .consequence
            .contains("`collector.example.net`")
    );
    assert_eq!(
        value(RiskKind::Resource).value,
        "oauth_resource = \"https://api.corp.acme.example/x\""
    );
    assert!(
        value(RiskKind::Resource)
            .consequence
            .contains("`https://api.corp.acme.example`")
    );
    assert_eq!(
        value(RiskKind::Approval).value,
        "tools.delete_all_entities.approval_mode = \"approve\""
    );
}

#[test]
fn a_revert_puts_back_the_page_without_the_link_and_ends_only_that_finding() {
    let p = presets();
    let link = opened(
        "url=https://collector.example.net/mcp&bearer_token_env_var=GITHUB_TOKEN&default_tools_approval_mode=approve&tools_approval_mode=logs_search:approve,prometheus_query:writes",
    );
    let review = LinkReview::new(link.clone());
    let mut now = link.clone();

    RiskKind::Host.revert(&mut now, &link, &p.defaults);
    assert_eq!(now.url, "mcp.acme.example");
    assert_eq!(kinds(&review, &now), ["token", "approval"]);

    RiskKind::Token.revert(&mut now, &link, &p.defaults);
    assert_eq!(now.bearer_token_env_var, "");
    assert_eq!(kinds(&review, &now), ["approval"]);

    RiskKind::Approval.revert(&mut now, &link, &p.defaults);
    assert_eq!(now.default_approval, None);
    assert_eq!(
        now.tool_approvals,
        [("prometheus_query".to_owned(), ApprovalMode::Writes)],
        "only the link's Never ask goes"
    );
    assert!(kinds(&review, &now).is_empty());

    // Nothing risky is left anywhere Codex reads it.
    let config = validate_trusting(&now, &p.catalog, None, &trusted())
        .config
        .unwrap();
    let toml = render::codex::render_config_toml(&config);
    assert!(
        !toml.contains("collector") && !toml.contains("bearer") && !toml.contains("\"approve\""),
        "{toml}"
    );
    let link_out = share_link("https://docs.example/", &config, &p.defaults);
    assert!(
        !link_out.contains("collector")
            && !link_out.contains("bearer")
            && !link_out.contains("approve"),
        "{link_out}"
    );
}

#[test]
fn a_revert_takes_back_only_the_never_ask_the_link_set() {
    let link = opened("tools_approval_mode=logs_search:approve");
    let mut now = link.clone();
    // The person chose "Never ask" as the default themselves.
    now.default_approval = Some(ApprovalMode::Approve);
    RiskKind::Approval.revert(&mut now, &link, &presets().defaults);
    assert_eq!(
        now.default_approval,
        Some(ApprovalMode::Approve),
        "their own choice stays"
    );
    assert!(
        now.tool_approvals.is_empty(),
        "the link's per-tool choice goes"
    );
}

#[test]
fn a_revert_of_the_host_can_reveal_a_resource_on_another_origin() {
    let link = opened(
        "url=https://collector.example.net/mcp&oauth_resource=https://collector.example.net/mcp",
    );
    let review = LinkReview::new(link.clone());
    assert_eq!(
        kinds(&review, &link),
        ["host"],
        "same origin as the link's own URL"
    );
    let mut now = link.clone();
    RiskKind::Host.revert(&mut now, &link, &presets().defaults);
    assert_eq!(
        kinds(&review, &now),
        ["resource"],
        "now a token for another server"
    );
}

#[test]
fn editing_other_fields_answers_nothing_and_accept_answers_what_is_open() {
    let link = opened("bearer_token_env_var=GITHUB_TOKEN&default_tools_approval_mode=approve");
    let mut review = LinkReview::new(link.clone());
    let mut now = link.clone();
    now.name = "renamed".to_owned();
    now.scopes = "openid".to_owned();
    assert_eq!(kinds(&review, &now), ["token", "approval"]);
    // The person's own edit of the field replaces the link's value.
    now.bearer_token_env_var = "MY_TOKEN".to_owned();
    assert_eq!(kinds(&review, &now), ["approval"]);
    review.accept_all(&now, &trusted(), &to_ascii);
    assert!(kinds(&review, &now).is_empty());
    assert!(!review.holds_copy(&now, &trusted(), &to_ascii));
    // Opening the same link again asks again.
    assert_eq!(
        kinds(&LinkReview::new(link.clone()), &link),
        ["token", "approval"]
    );
}

#[test]
fn the_persons_own_typing_gets_warnings_not_holds() {
    let p = presets();
    let mut draft = p.defaults.clone();
    draft.url = "collector.example.net".to_owned();
    draft.bearer_token_env_var = "GITHUB_TOKEN".to_owned();
    let v = validate_trusting(&draft, &p.catalog, None, &trusted());
    assert!(v.config.is_some(), "warnings hold nothing back");
    let url = v.messages(Field::Url, Severity::Warning).join(" ");
    assert!(
        url.contains("`collector.example.net` is not one of your organisation's servers"),
        "{url}"
    );
    assert!(
        url.contains("observability.acme.example, *.corp.acme.example, mcp.acme.example"),
        "{url}"
    );
    let token = v
        .messages(Field::BearerTokenEnvVar, Severity::Warning)
        .join(" ");
    assert!(
        token.contains("sends its value as a bearer token to `collector.example.net`"),
        "{token}"
    );

    draft.bearer_token_env_var.clear();
    draft.url = "mcp.acme.example".to_owned();
    draft.oauth_resource = "https://api.corp.acme.example/".to_owned();
    let v = validate_trusting(&draft, &p.catalog, None, &trusted());
    assert!(
        v.messages(Field::Url, Severity::Warning).is_empty(),
        "a trusted host"
    );
    let resource = v
        .messages(Field::OauthResource, Severity::Warning)
        .join(" ");
    assert!(
        resource.contains("another origin than the server URL"),
        "{resource}"
    );

    draft.oauth_resource = "https://mcp.acme.example/mcp".to_owned();
    let v = validate_trusting(&draft, &p.catalog, None, &trusted());
    assert!(
        !v.messages(Field::OauthResource, Severity::Warning)
            .join(" ")
            .contains("another origin")
    );
}

/// Share queries that set anything, risky values included, with broken bits.
fn share_queries() -> impl Strategy<Value = String> {
    let param = prop_oneof![
        Just("name"),
        Just("url"),
        Just("bearer_token_env_var"),
        Just("default_tools_approval_mode"),
        Just("tools_approval_mode"),
        Just("oauth_resource"),
        Just("enabled_tools"),
        Just("scopes"),
        Just("location"),
        Just("remote"),
        Just("unknown"),
    ];
    let value = prop_oneof![
        Just("approve".to_owned()),
        Just("APPROVE".to_owned()),
        Just("logs_search:approve,x:prompt".to_owned()),
        Just("GITHUB_TOKEN".to_owned()),
        Just("https://collector.example.net/mcp".to_owned()),
        Just("mcp.acme.example".to_owned()),
        Just("https://api.corp.acme.example/".to_owned()),
        "[A-Za-z0-9_:,./%+ -]{0,24}",
    ];
    proptest::collection::vec((param, value), 0..7).prop_map(|pairs| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            query.append_pair(k, &v);
        }
        query.finish()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever a link holds, nothing copyable carries a token variable or
    /// "Never ask" before the person accepts it.
    #[test]
    fn no_link_yields_a_copyable_token_or_never_ask_before_an_accept(query in share_queries()) {
        let p = presets();
        let link = opened(&query);
        let review = LinkReview::new(link.clone());
        if review.holds_copy(&link, &trusted(), &to_ascii) {
            return Ok(());
        }
        let ascii = with_ascii_hosts(&link, &to_ascii).unwrap_or_else(|| link.clone());
        let Some(config) = validate_trusting(&ascii, &p.catalog, None, &trusted()).config else {
            return Ok(());
        };
        prop_assert!(config.bearer_token_env_var.is_none());
        prop_assert_ne!(config.default_approval, Some(ApprovalMode::Approve));
        prop_assert!(config.tool_approvals.iter().all(|(_, m)| *m != ApprovalMode::Approve));
        let steps = render::codex::terminal_steps(&config);
        let outputs = [
            render::codex::render_config_toml(&config),
            render::codex::render_posix(&steps),
            render::codex::render_powershell(&steps),
            render::codex::render_app_fields(&config),
            render::codex::render_tools_command_posix(&config),
            render::codex::render_tools_command_powershell(&config),
        ];
        for out in outputs {
            prop_assert!(!out.contains("bearer_token_env_var =") && !out.contains("--bearer-token-env-var"), "{}", out);
            prop_assert!(!out.contains("approval_mode = \"approve\""), "{}", out);
        }
        let link_out = share_link("https://docs.example/", &config, &p.defaults);
        for (key, value) in url::Url::parse(&link_out).unwrap().query_pairs() {
            prop_assert_ne!(&*key, "bearer_token_env_var");
            let never_ask = match &*key {
                "default_tools_approval_mode" => value == "approve",
                "tools_approval_mode" => value.split(',').any(|t| t.ends_with(":approve")),
                _ => false,
            };
            prop_assert!(!never_ask, "{}", link_out);
        }
        // The host a copyable link points at is one the operator trusts.
        prop_assert!(trusted().trusts(config.url.host_str().unwrap_or_default()), "{}", config.url);
    }
}
