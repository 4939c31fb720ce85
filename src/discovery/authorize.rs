//! A preview of the authorization request a client opens in the browser,
//! built with the `oauth2` crate.

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use url::Url;

/// The sign-in URL a client would open, and where it is sent back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationPreview {
    /// The full authorization URL.
    pub url: String,
    /// The redirect URI (a port the client picks shown as one).
    pub redirect_uri: String,
}

/// The PKCE verifier random bytes make (64 hex characters).
pub fn pkce_verifier(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The authorization URL: `response_type=code`, the client, the redirect,
/// PKCE S256 from `verifier_bytes`, `state`, `resource` (RFC 8707) and the
/// scopes (none when none are chosen). The preview below and the page's own
/// sign-in (`crate::connect`) both ask for it here.
pub fn authorization_url(
    endpoint: &Url,
    client_id: &str,
    redirect_uri: &Url,
    verifier_bytes: &[u8; 32],
    state: &str,
    resource: &str,
    scopes: &[String],
) -> Url {
    let client = BasicClient::new(ClientId::new(client_id.to_owned()))
        .set_auth_uri(AuthUrl::from_url(endpoint.clone()))
        .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()));
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
        pkce_verifier(verifier_bytes),
    ));
    let state = state.to_owned();
    let (url, _) = client
        .authorize_url(move || CsrfToken::new(state))
        .set_pkce_challenge(challenge)
        .add_extra_param("resource", resource.to_owned())
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .url();
    url
}

/// Builds the authorization request a client opens: its client id
/// (`client_id`, or a placeholder when it registers at sign-in), its
/// redirect URI (`redirect`, `*` for what it picks), PKCE S256 from
/// `verifier_bytes`, `state`, `resource` and any scopes.
pub fn authorization_preview(
    authorization_endpoint: &Url,
    resource: &str,
    scopes: &[String],
    client_id: Option<&str>,
    redirect: &str,
    verifier_bytes: &[u8; 32],
    state: &str,
) -> AuthorizationPreview {
    let redirect_uri = super::allowlist::example(redirect);
    let url = Url::parse(&redirect_uri).map_or_else(
        |_| String::new(),
        |redirect| {
            authorization_url(
                authorization_endpoint,
                client_id.unwrap_or("assigned-at-registration"),
                &redirect,
                verifier_bytes,
                state,
                resource,
                scopes,
            )
            .to_string()
        },
    );
    AuthorizationPreview { url, redirect_uri }
}
