//! How the check looks for the sign-in: as one client does. A client's
//! profile comes from its `SignIn` facts (`crate::clients`), measured with
//! its real CLI against the MCP conformance suite's servers; the page's own
//! sign-in follows the spec's ([`Profile::spec`]).

use crate::clients::{Asks, Client, WellKnown};

/// How one client looks for its sign-in, and its name for every message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// Who looks, as messages name it ("Codex", "The page").
    pub who: String,
    /// How the person starts the sign-in (`codex mcp login NAME`).
    pub command: String,
    /// How it first asks the MCP endpoint.
    pub asks: Asks,
    /// Whether it follows a `resource_metadata` link to another origin.
    pub follows_other_origin: bool,
    /// Where it looks for the protected resource metadata, in order.
    pub well_known: Vec<WellKnown>,
    /// Whether it falls back as the 2025-03-26 revision says when there is
    /// no protected resource metadata.
    pub falls_back_2025_03_26: bool,
    /// Whether it asks for the challenge's (or the metadata's) scopes when
    /// the person names none.
    pub selects_scopes: bool,
    /// Its client id metadata document, which the authorization server
    /// fetches (`None`: it has none, or none the server can use).
    pub metadata_document: Option<String>,
    /// Whether it registers itself dynamically where the server offers it.
    pub registers: bool,
    /// Whether it can keep a secret a registration gives it.
    pub keeps_a_secret: bool,
    /// Whether it tests its token right after signing in.
    pub tests_the_token: bool,
    /// Whether, refused for a scope its token lacks, it signs in once more
    /// with the wider scope.
    pub steps_up: bool,
    /// Whether it signs in only when `initialize` itself is refused.
    pub signs_in_only_at_initialize: bool,
    /// The client id the person (or the page's operator) set.
    pub client_id: Option<String>,
    /// Whether the client's config has a place for scopes.
    pub reads_scopes: bool,
    /// The scopes the person set, where the client reads them.
    pub scopes: Vec<String>,
}

impl Profile {
    /// How `client` looks, from its facts, with what the person set: the
    /// server's name, a client id, and scopes (which reach the client only
    /// where its config has a place for them).
    pub fn of(client: Client, name: &str, client_id: Option<String>, scopes: &[String]) -> Self {
        let facts = client.facts();
        let sign_in = &facts.sign_in;
        Self {
            who: facts.name.to_owned(),
            command: sign_in.command.replace("NAME", name),
            asks: sign_in.asks,
            follows_other_origin: sign_in.follows_other_origin,
            well_known: sign_in.well_known.to_vec(),
            falls_back_2025_03_26: sign_in.falls_back_2025_03_26,
            selects_scopes: sign_in.selects_scopes,
            metadata_document: sign_in.metadata_document.map(str::to_owned),
            registers: sign_in.registers,
            keeps_a_secret: sign_in.keeps_a_secret,
            tests_the_token: sign_in.tests_the_token,
            steps_up: false,
            signs_in_only_at_initialize: sign_in.signs_in_only_at_initialize,
            client_id,
            reads_scopes: sign_in.reads_scopes,
            scopes: if sign_in.reads_scopes {
                scopes.to_vec()
            } else {
                Vec::new()
            },
        }
    }

    /// The MCP spec's client (2025-11-25, with the 2026-07-28 revision's
    /// requirements on clients), as the page's own sign-in is: a POST
    /// first, the challenge's metadata and scope, the well-known locations,
    /// the 2025-03-26 fallbacks, a client id metadata document where
    /// offered (`metadata_document`, the page's own), else dynamic
    /// registration; a public client, which holds no secret.
    pub fn spec(
        who: &str,
        client_id: Option<String>,
        metadata_document: Option<String>,
        scopes: &[String],
    ) -> Self {
        Self {
            who: who.to_owned(),
            command: "**Sign in and read my server's tools**".to_owned(),
            asks: Asks::Post,
            follows_other_origin: true,
            well_known: vec![WellKnown::PathInserted, WellKnown::Root],
            falls_back_2025_03_26: true,
            selects_scopes: true,
            metadata_document,
            registers: true,
            keeps_a_secret: false,
            tests_the_token: true,
            steps_up: true,
            signs_in_only_at_initialize: false,
            client_id,
            reads_scopes: true,
            scopes: scopes.to_vec(),
        }
    }
}
