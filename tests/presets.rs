//! Operator presets: the documented example, the shipped file, and every way
//! a file can be wrong (each naming its line).
#![cfg(not(target_arch = "wasm32"))]

use codex_mcp_configurator::model::ToolEffect;
use codex_mcp_configurator::presets::{BUILTIN_PRESETS, Presets, parse_presets};

const EXAMPLE: &str = include_str!("../presets.example.toml");

#[test]
fn the_shipped_file_is_the_builtin_kloudfuse_catalog() {
    let shipped = parse_presets(BUILTIN_PRESETS).expect("shipped presets parse");
    assert_eq!(shipped, Presets::default());
    let names: Vec<&str> = shipped.catalog.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["logs_search", "prometheus_query", "delete_all_entities"]
    );
    assert_eq!(shipped.catalog[2].effect, ToolEffect::Destructive);
    assert_eq!(shipped.defaults.name, "kfuse");
    assert_eq!(shipped.product, "Kloudfuse");
}

#[test]
fn the_readme_example_parses_and_sets_everything() {
    let presets = parse_presets(EXAMPLE).expect("example parses");
    assert_eq!(presets.product, "Acme Observability");
    assert_eq!(presets.cluster.as_deref(), Some("Acme production"));
    assert_eq!(presets.defaults.name, "acme-kfuse");
    assert_eq!(presets.defaults.url, "observability.acme.example");
    assert_eq!(presets.catalog.len(), 4);
    let silence = &presets.catalog[3];
    assert_eq!(silence.title.as_deref(), Some("Silence an alert"));
    assert_eq!(
        silence.effect,
        ToolEffect::Write,
        "from its MCP annotations"
    );
    assert_eq!(
        presets.catalog[1].effect,
        ToolEffect::ReadOnly,
        "kind defaults to read-only"
    );
    assert_eq!(presets.links.len(), 2);
    assert_eq!(presets.links[0].url, "https://wiki.acme.example/codex");
}

#[test]
fn the_operators_guide_shows_the_example_verbatim() {
    let guide = include_str!("../docs/operators.md");
    assert!(
        guide.contains(EXAMPLE.trim()),
        "docs/operators.md must quote presets.example.toml exactly"
    );
}

#[test]
fn a_fleet_release_sets_the_forms_codex_version_and_a_bad_one_names_its_line() {
    assert_eq!(
        parse_presets(EXAMPLE).expect("parses").defaults.codex,
        "0.150"
    );
    let (line, message) = error("product = \"x\"\ncodex_version = \"latest\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("is not a Codex release"), "{message}");
}

#[test]
fn an_empty_file_keeps_every_builtin_value() {
    assert_eq!(
        parse_presets("").expect("empty is fine"),
        Presets::default()
    );
    let only_url = parse_presets("[defaults]\nurl = \"acme.io\"\n").expect("parses");
    assert_eq!(only_url.catalog, Presets::default().catalog);
    assert_eq!(only_url.defaults.url, "acme.io");
}

fn error(text: &str) -> (usize, String) {
    let e = parse_presets(text).expect_err("must be refused");
    assert!(
        e.to_string()
            .starts_with(&format!("presets.toml, line {}: ", e.line))
    );
    (e.line, e.message)
}

#[test]
fn syntax_errors_name_their_line() {
    let (line, message) = error("product = \"Acme\"\n\n[defaults\nname = \"x\"\n");
    assert_eq!(line, 3, "{message}");
}

#[test]
fn unknown_keys_are_refused_with_the_known_ones() {
    let (line, message) = error("product = \"Acme\"\nprodcut = \"typo\"\n");
    assert_eq!(line, 2);
    assert!(
        message.contains("unknown key `prodcut`") && message.contains("product, cluster"),
        "{message}"
    );
    let (line, message) = error("[[tools]]\nname = \"a\"\nkinds = \"destructive\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("`kinds`"), "{message}");
}

#[test]
fn wrong_types_and_values_name_their_line() {
    let (line, message) = error("product = 5\n");
    assert_eq!(
        (line, message.contains("must be a string")),
        (1, true),
        "{message}"
    );
    let (line, message) = error("[[tools]]\nname = \"logs search\"\n");
    assert_eq!(line, 2);
    assert!(
        message.contains("a space is not allowed in a tool name"),
        "{message}"
    );
    let (line, message) = error("[[tools]]\nname = \"a\"\nkind = \"dangerous\"\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("use \"read-only\" or \"destructive\""),
        "{message}"
    );
    let (line, message) = error("[[tools]]\nname = \"a\"\n\n[[tools]]\nname = \"a\"\n");
    assert_eq!(line, 4, "{message}");
    assert!(message.contains("listed twice"));
    let (line, message) = error("[[links]]\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("must be an absolute http(s) URL"),
        "{message}"
    );
    let (_, message) = error("[[tools]]\ndescription = \"no name\"\n");
    assert!(message.contains("needs a non-empty `name`"), "{message}");
    let (line, message) = error("tools = \"x\"\n");
    assert_eq!(line, 1);
    assert!(message.contains("[[tools]]"), "{message}");
}

#[test]
fn annotations_must_be_mcp_hints_in_a_table() {
    let bad = |text: &str| parse_presets(text).expect_err(text);
    let e = bad("[[tools]]\nname = \"a\"\nannotations = \"read-only\"\n");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("must be a table"), "{}", e.message);
    let e = bad("[[tools]]\nname = \"a\"\nannotations = { readonly = true }\n");
    assert!(
        e.message.contains("unknown key `readonly`"),
        "{}",
        e.message
    );
    let e = bad("[[tools]]\nname = \"a\"\nannotations = { openWorldHint = \"yes\" }\n");
    assert!(
        e.message.contains("`openWorldHint` must be true or false"),
        "{}",
        e.message
    );
    let hinted =
        parse_presets("[[tools]]\nname = \"a\"\nannotations = { destructiveHint = true }\n")
            .unwrap();
    assert_eq!(hinted.catalog[0].effect, ToolEffect::Destructive);
    let marked = parse_presets(
        "[[tools]]\nname = \"a\"\nkind = \"destructive\"\nannotations = { readOnlyHint = true }\n",
    )
    .unwrap();
    assert_eq!(
        marked.catalog[0].effect,
        ToolEffect::Destructive,
        "the operator's mark wins"
    );
}

#[test]
fn clients_choose_which_are_offered_in_order_and_the_first_is_the_default() {
    use codex_mcp_configurator::model::Client;
    let every = parse_presets("").unwrap();
    assert_eq!(every.clients, Client::ALL.to_vec());
    assert_eq!(every.defaults.client, Client::Codex);
    let two = parse_presets("clients = [\"claude-code\", \"codex\"]\n").unwrap();
    assert_eq!(two.clients, [Client::ClaudeCode, Client::Codex]);
    assert_eq!(two.defaults.client, Client::ClaudeCode);
    for (bad, says) in [
        ("clients = []", "at least one"),
        ("clients = [\"zed\"]", "\"codex\""),
        ("clients = [\"gemini\", \"gemini\"]", "twice"),
        ("clients = \"gemini\"", "must be a list"),
    ] {
        let error = parse_presets(bad).unwrap_err().to_string();
        assert!(
            error.contains(says) && error.contains("line 1"),
            "{bad}: {error}"
        );
    }
}

#[test]
fn the_clusters_redirect_allowlist_and_the_pages_metadata_document() {
    // Without the keys: Kloudfuse's chart default, and no document.
    let builtin = Presets::default();
    assert_eq!(
        builtin.allowed_redirect_uris,
        [
            "http://localhost:*",
            "http://127.0.0.1:*",
            "https://claude.ai/api/mcp/auth_callback",
            "https://claude.com/api/mcp/auth_callback"
        ]
    );
    assert_eq!(builtin.client_metadata_url, None);
    let set = parse_presets(
        "allowed_redirect_uris = [\"http://127.0.0.1:*\", \"http://127.0.0.1:*\"]\nclient_metadata_url = \"https://docs.acme.example/codex/client-metadata.json\"\n",
    )
    .expect("parses");
    assert_eq!(
        set.allowed_redirect_uris,
        ["http://127.0.0.1:*"],
        "each once"
    );
    assert_eq!(
        set.client_metadata_url.as_deref(),
        Some("https://docs.acme.example/codex/client-metadata.json")
    );
    // An empty list admits nothing: every client is told.
    let empty = parse_presets("allowed_redirect_uris = []\n").expect("parses");
    assert!(empty.allowed_redirect_uris.is_empty());
    for (text, line, fragment) in [
        (
            "\nallowed_redirect_uris = \"http://localhost:*\"\n",
            2,
            "must be a list",
        ),
        (
            "allowed_redirect_uris = [\"localhost:*\"]\n",
            1,
            "with its scheme",
        ),
        ("allowed_redirect_uris = [3]\n", 1, "redirect URI in quotes"),
        (
            "client_metadata_url = \"http://docs.acme.example/cimd.json\"\n",
            1,
            "must be an https URL with a path",
        ),
        (
            "client_metadata_url = \"https://docs.acme.example\"\n",
            1,
            "must be an https URL with a path",
        ),
    ] {
        let (at, message) = error(text);
        assert_eq!(at, line, "{text}: {message}");
        assert!(message.contains(fragment), "{text}: {message}");
    }
}
