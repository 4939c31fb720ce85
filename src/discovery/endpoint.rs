//! The MCP endpoint itself: the spec's POST of `initialize` without a
//! token (what the server wants, whoever looks), then the client's own GET,
//! and where each answer sends the client to look for the metadata.

use url::Url;

use super::documents;
use super::{Discovery, Fixer, PrmSource, Profile, Purpose, Stage, Step, Verdict};
use crate::clients::Asks;
use crate::validate::join_url;

impl Discovery {
    /// A request the client itself does not make (the spec's POST, for a
    /// client that asks otherwise or not at all) only tells what the server
    /// wants: it never lowers the verdict.
    pub(super) fn knowledge_only(&self, step: &mut Step, ask: Asks) {
        if ask != self.profile.asks {
            let how = match self.profile.asks {
                Asks::Never => "does not ask the endpoint before signing in",
                _ => "asks with a GET",
            };
            step.message = format!(
                "{} {how}; the page asks as the MCP spec's clients do, to learn what the server wants. {}",
                self.profile.who, step.message
            );
            step.superseded = true;
        }
    }

    /// After one of the endpoint's requests: the next, or the metadata's
    /// locations, linked first where the client follows the link.
    pub(super) fn next_ask(&mut self) {
        let Stage::Mcp { asks, index } = &mut self.stage else {
            return;
        };
        *index += 1;
        if *index < asks.len() {
            return;
        }
        let mut candidates: Vec<(Url, PrmSource)> = self
            .own_link
            .iter()
            .map(|link| (link.clone(), PrmSource::Header))
            .collect();
        for found in documents::prm_locations(&self.mcp, &self.profile.well_known) {
            if !candidates.iter().any(|(url, _)| *url == found.0) {
                candidates.push(found);
            }
        }
        self.stage = Stage::Prm {
            candidates,
            index: 0,
        };
    }

    /// What the endpoint's answer to `ask` says: the challenge's scope and
    /// metadata link, or why there is none, in the words of who looks.
    pub(super) fn on_mcp(
        &mut self,
        step: &mut Step,
        ask: Asks,
        (status, header, _): &(u16, Option<String>, Vec<u8>),
    ) {
        let who = self.profile.who.clone();
        let own = ask == self.profile.asks;
        let asked = match ask {
            Asks::Get => "a GET",
            _ => "`initialize` without a token",
        };
        match (status, header) {
            (401 | 403, Some(header)) => {
                step.facts.push(format!("WWW-Authenticate: {header}"));
                let scope: Vec<String> = documents::challenge_param(header, "scope")
                    .map(|s| s.split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default();
                if ask == Asks::Post {
                    self.learned.challenge_scope = scope.clone();
                }
                if own {
                    self.learned.own_challenge_scope = scope;
                }
                match documents::challenge_param(header, "resource_metadata")
                    .map(|link| join_url(&self.mcp, &link))
                {
                    Some(Ok(link))
                        if link.origin() == self.mcp.origin()
                            || self.profile.follows_other_origin =>
                    {
                        step.message = format!(
                            "Asks for sign-in ({status}) and links its protected resource metadata."
                        );
                        if own {
                            self.own_link = Some(link);
                        }
                    }
                    Some(Ok(link)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "Links protected resource metadata on another origin ({}), which {who} ignores; it looks in the well-known locations instead.",
                            link.origin().ascii_serialization()
                        );
                    }
                    Some(Err(_)) => {
                        step.verdict = Verdict::Warning;
                        step.fixer = Fixer::Operator;
                        step.message = format!(
                            "The resource_metadata link is not a valid URL; {who} looks in the well-known locations instead."
                        );
                    }
                    None => {
                        step.message = format!(
                            "Asks for sign-in ({status}) without a resource_metadata link; {who} looks in the well-known locations."
                        );
                    }
                }
            }
            (401, None) => {
                step.verdict = Verdict::Unknown;
                step.message = "Asks for sign-in (401), but the browser cannot read its WWW-Authenticate header: it is missing, or the server does not list it in Access-Control-Expose-Headers. The curl command below shows it.".to_owned();
            }
            (200..=299, _) => {
                if ask == Asks::Post {
                    self.learned.initialize_answered = true;
                }
                step.message = format!(
                    "Answers {asked} ({status}): the server asks for sign-in later, for its tools, or not at all. {who} looks for OAuth metadata in the well-known locations."
                );
            }
            (status, _) if *status >= 500 || *status == 429 => {
                step.verdict = Verdict::Error;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status}: the server is failing or rate-limiting. Try again later, or ask the operator."
                );
            }
            (status @ (404 | 405), _) if ask == Asks::Get => {
                // A standard server sends its challenge to a POST only.
                step.message = format!(
                    "Answers {status} to a GET, as a server that takes MCP requests only as POSTs may; {who} asks with a GET, so it looks in the well-known locations."
                );
            }
            (status, _) => {
                step.verdict = Verdict::Warning;
                step.fixer = Fixer::Operator;
                step.message = format!(
                    "Answers {status} to {asked} instead of 401; {who} still looks for OAuth metadata in the well-known locations."
                );
            }
        }
    }
}

/// The requests a check starts with (the spec's POST, the client's own
/// GET, the well-known protected-resource-metadata locations), for the
/// curl commands shown before any check has run.
pub fn initial_plan(mcp: &Url, profile: &Profile) -> Vec<(Url, Purpose)> {
    let mut plan = vec![(mcp.clone(), Purpose::McpEndpoint(Asks::Post))];
    if profile.asks == Asks::Get {
        plan.push((mcp.clone(), Purpose::McpEndpoint(Asks::Get)));
    }
    plan.extend(
        documents::prm_locations(mcp, &profile.well_known)
            .into_iter()
            .map(|(url, source)| (url, Purpose::ProtectedResource(source))),
    );
    plan
}
