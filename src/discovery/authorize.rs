//! A preview of the authorization request `codex mcp login` opens in the
//! browser, built with the `oauth2` crate.

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use url::Url;

/// The port shown in the preview; Codex picks a free one at login.
pub const PREVIEW_CALLBACK_PORT: u16 = 33_418;

/// The sign-in URL Codex would open, and the loopback address it listens on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationPreview {
    /// The full authorization URL.
    pub url: String,
    /// The loopback redirect URI.
    pub redirect_uri: String,
}

/// Builds the authorization request: `response_type=code`, the client id
/// (`client_id`, or a placeholder when Codex registers at login), the
/// loopback redirect, PKCE S256 from `verifier_bytes`, `state`, `resource`
/// and any scopes.
pub fn authorization_preview(
    authorization_endpoint: &Url,
    resource: &str,
    scopes: &[String],
    client_id: Option<&str>,
    verifier_bytes: &[u8; 32],
    state: &str,
) -> AuthorizationPreview {
    let redirect_uri = format!("http://127.0.0.1:{PREVIEW_CALLBACK_PORT}/callback");
    let client = BasicClient::new(ClientId::new(
        client_id.unwrap_or("assigned-at-registration").to_owned(),
    ))
    .set_auth_uri(AuthUrl::from_url(authorization_endpoint.clone()));
    let client = match RedirectUrl::new(redirect_uri.clone()) {
        Ok(redirect) => client.set_redirect_uri(redirect),
        Err(_) => client,
    };
    let verifier: String = verifier_bytes.iter().map(|b| format!("{b:02x}")).collect();
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier));
    let state = state.to_owned();
    let (url, _) = client
        .authorize_url(move || CsrfToken::new(state))
        .set_pkce_challenge(challenge)
        .add_extra_param("resource", resource.to_owned())
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .url();
    AuthorizationPreview {
        url: url.to_string(),
        redirect_uri,
    }
}
