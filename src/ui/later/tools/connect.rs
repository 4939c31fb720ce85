//! "Sign in and read my server's tools" (with the tool picker): runs the
//! [`crate::connect`] flow from the browser — the requests, the sign-in in
//! a window of its own, the callback — and hands the tools read to the
//! picker as an import does. The token lives in the flow only, never in
//! storage, the address, the page or the console.
//!
//! The callback (`callback.html`, beside the page) hands the sign-in's
//! answer back to the window that opened it, on this origin only, and to a
//! same-origin broadcast for when the authorization server's opener policy
//! cut the two apart; from the broadcast only an answer with this flow's
//! `state` is taken, since another tab may be signing in too.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::connect::{Attempt, Connect, Failure, Fixer, GaveUp, Next, Params};
use crate::render::Section;
use crate::ui::io::{browser, http};
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, hides, with_code};

/// The channel the callback page broadcasts on.
const CHANNEL: &str = "codex-connect";
/// How long the page waits for a sign-in.
const SIGN_IN_MINUTES: u64 = 10;
/// After the window closes, how long a late answer may still arrive.
const CLOSED_GRACE: Duration = Duration::from_secs(3);

/// Where the flow stands, as the status shows it.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Working(&'static str),
    Connected {
        count: usize,
        host: String,
        at: String,
        capped: bool,
    },
    Failed(Failure),
}

/// The flow in progress, shared by the button, the callback's listeners and
/// the window's watch.
#[derive(Clone)]
struct Flow {
    connect: Rc<RefCell<Option<Connect>>>,
    window: Rc<RefCell<Option<web_sys::Window>>>,
    phase: RwSignal<Phase>,
    form: FormState,
}

impl Flow {
    /// Runs the flow until it waits for the sign-in or ends.
    fn drive(self) {
        spawn_local(async move {
            loop {
                let next = self.connect.borrow().as_ref().map(Connect::next);
                let Some(next) = next else { return };
                match next {
                    Next::Fetch(request) => {
                        let progress = self.connect.borrow().as_ref().map_or("", Connect::progress);
                        self.phase.set(Phase::Working(progress));
                        let seen = http::send(&request).await;
                        if let Some(c) = self.connect.borrow_mut().as_mut() {
                            c.observe(seen);
                            if let Some((endpoint, id)) = c.registered() {
                                browser::keep_registered_client(endpoint, id);
                            }
                        }
                    }
                    Next::SignIn(url) => return self.open(url),
                    Next::Connected(done) => {
                        // The token goes with the flow.
                        self.connect.borrow_mut().take();
                        let count = done.tools.len();
                        self.form.touch(crate::model::Field::Tools);
                        self.form.server_tools.set(Some(done.tools));
                        self.phase.set(Phase::Connected {
                            count,
                            host: done.host,
                            at: browser::clock_time(),
                            capped: done.capped,
                        });
                        return;
                    }
                    Next::Failed(failure) => {
                        self.phase.set(Phase::Failed(failure));
                        return;
                    }
                }
            }
        });
    }

    /// Opens the sign-in and watches its window.
    fn open(self, url: url::Url) {
        self.phase.set(Phase::Working(
            "Waiting for you to sign in, in the window that opened…",
        ));
        let opened = browser::window().and_then(|w| {
            w.open_with_url_and_target_and_features(
                url.as_str(),
                "codex-connect",
                "popup,width=560,height=760",
            )
            .ok()
            .flatten()
        });
        let Some(popup) = opened else {
            return self.give_up(GaveUp::WindowBlocked);
        };
        *self.window.borrow_mut() = Some(popup);
        let started = js_sys::Date::now();
        let watch = self.clone();
        let handle = Rc::new(RefCell::new(None::<IntervalHandle>));
        let kept = handle.clone();
        let interval = set_interval_with_handle(
            move || {
                let waiting = watch.waiting();
                let closed = watch
                    .window
                    .borrow()
                    .as_ref()
                    .is_none_or(|w| w.closed().unwrap_or(true));
                let too_long = js_sys::Date::now() - started > (SIGN_IN_MINUTES * 60_000) as f64;
                if (!waiting || closed || too_long)
                    && let Some(h) = kept.borrow_mut().take()
                {
                    h.clear();
                }
                if waiting && too_long {
                    watch.give_up(GaveUp::SignInTooLong);
                } else if waiting && closed {
                    let late = watch.clone();
                    set_timeout(
                        move || {
                            if late.waiting() {
                                late.give_up(GaveUp::WindowClosed);
                            }
                        },
                        CLOSED_GRACE,
                    );
                }
            },
            Duration::from_millis(500),
        );
        *handle.borrow_mut() = interval.ok();
    }

    fn waiting(&self) -> bool {
        self.connect
            .borrow()
            .as_ref()
            .is_some_and(|c| matches!(c.next(), Next::SignIn(_)))
    }

    fn give_up(&self, why: GaveUp) {
        if let Some(c) = self.connect.borrow_mut().as_mut() {
            c.gave_up(why);
        }
        self.phase.set(Phase::Failed(Failure::Timeout(why)));
    }

    /// The sign-in came back with `query`, from the window that opened it
    /// (`from_window`) or from the broadcast.
    fn answered(&self, query: &str, from_window: bool) {
        let ours = self
            .connect
            .borrow()
            .as_ref()
            .is_some_and(|c| query_state(query).as_deref() == Some(c.state()));
        if !from_window && !ours {
            return; // another tab's sign-in
        }
        let resumed = {
            let mut flow = self.connect.borrow_mut();
            let Some(connect) = flow.as_mut() else { return };
            let before = connect.next();
            connect.callback(query);
            before != connect.next()
        };
        if let Some(w) = self.window.borrow_mut().take() {
            let _ = w.close();
        }
        if resumed {
            self.clone().drive();
        }
    }

    /// Listens, for as long as the page lives, to the callback's two ways back.
    fn listen(&self) {
        if !browser::LIVE {
            return; // the build's prerender: no browser
        }
        let from_window = self.clone();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let own = browser::window().and_then(|w| w.location().origin().ok());
                if Some(event.origin()) != own {
                    return;
                }
                if let Some(query) = callback_query(&event.data()) {
                    from_window.answered(&query, true);
                }
            });
        if let Some(w) = browser::window() {
            let _ =
                w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        }
        on_message.forget();
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let from_broadcast = self.clone();
        let on_broadcast =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                if let Some(query) = callback_query(&event.data()) {
                    from_broadcast.answered(&query, false);
                }
            });
        channel.set_onmessage(Some(on_broadcast.as_ref().unchecked_ref()));
        on_broadcast.forget();
        std::mem::forget(channel);
    }
}

/// The query of a `{ type: "codex-connect-callback", query }` message.
fn callback_query(data: &wasm_bindgen::JsValue) -> Option<String> {
    let kind = js_sys::Reflect::get(data, &"type".into())
        .ok()?
        .as_string()?;
    (kind == "codex-connect-callback").then(|| {
        js_sys::Reflect::get(data, &"query".into())
            .ok()?
            .as_string()
    })?
}

/// The `state` a callback's query carries.
fn query_state(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
}

/// The lines an operator puts in front of the cluster, for a blocked request.
fn cors_lines(origin: &str) -> String {
    format!(
        "# nginx, in the cluster's server block (hosting/cluster-cors.nginx.conf):\n\
         add_header Access-Control-Allow-Origin \"{origin}\" always;\n\
         add_header Access-Control-Allow-Headers \"authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id\" always;\n\
         add_header Access-Control-Allow-Methods \"GET, POST, DELETE, OPTIONS\" always;\n\
         add_header Access-Control-Expose-Headers \"mcp-session-id, www-authenticate\" always;\n\n\
         # Caddy (hosting/cluster-cors.Caddyfile):\n\
         header Access-Control-Allow-Origin \"{origin}\"\n\
         header Access-Control-Allow-Headers \"authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id\"\n\
         header Access-Control-Allow-Methods \"GET, POST, DELETE, OPTIONS\"\n\
         header Access-Control-Expose-Headers \"mcp-session-id, www-authenticate\"\n"
    )
}

/// The button, its status, and what an operator needs.
#[component]
pub fn ConnectPanel(state: FormState) -> impl IntoView {
    let phase = RwSignal::new(Phase::Idle);
    let flow = Flow {
        connect: Rc::new(RefCell::new(None)),
        window: Rc::new(RefCell::new(None)),
        phase,
        form: state,
    };
    flow.listen();
    let redirect = browser::callback_url()
        .map(|u| u.to_string())
        .unwrap_or_default();
    let origin = browser::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let operator_open = RwSignal::new(false);
    let working = move || matches!(phase.get(), Phase::Working(_));
    let usable = move || state.validation.with(|v| v.config.is_some()) && !state.copy_held();
    let start = {
        let flow = flow.clone();
        let redirect = redirect.clone();
        move |_| {
            let Some(config) = state.validation.with_untracked(|v| v.config.clone()) else {
                return;
            };
            let Ok(redirect_uri) = url::Url::parse(&redirect) else {
                return;
            };
            flow.phase.set(Phase::Working("Asking the server…"));
            let operators = state
                .client_metadata_url
                .get_value()
                .and_then(|u| url::Url::parse(&u).ok());
            let flow = flow.clone();
            spawn_local(async move {
                // The operator's document, else the one beside the page
                // when it fits this page (served over https, naming itself
                // and this page's callback).
                let metadata_document = match operators {
                    Some(url) => Some(url),
                    None => http::own_metadata_document(&redirect_uri).await,
                };
                let attempt = || Attempt {
                    verifier: browser::random_bytes(),
                    state: browser::random_token(),
                };
                let params = Params {
                    mcp: config.url.clone(),
                    scopes: config.scopes.clone(),
                    client_id: state.browser_client_id.get_value(),
                    metadata_document,
                    registered: browser::registered_client(),
                    redirect_uri,
                    attempts: [attempt(), attempt()],
                };
                *flow.connect.borrow_mut() = Some(Connect::new(params));
                flow.drive();
            });
        }
    };
    let status = move || {
        match phase.get() {
        Phase::Idle => None,
        Phase::Working(what) => Some(view! {
            <div class="connect-status msg progress" data-testid="connect-status" data-state="working" role="status"><p>{what}</p></div>
        }.into_any()),
        Phase::Connected { count, host, at, capped } => Some(view! {
            <div class="connect-status msg ok" data-testid="connect-status" data-state="connected" role="status">
                <p>{format!("Read {count} tools from {host} at {at}{}: the picker below shows them.", if capped { ", the first pages only (the list goes on)" } else { "" })}</p>
            </div>
        }.into_any()),
        Phase::Failed(failure) => {
            let endpoint = match &failure {
                Failure::Blocked(e) => Some(e.as_str()),
                _ => None,
            };
            let who = match failure.fixer() {
                Fixer::Person => "You can fix this here.",
                Fixer::Operator => "The server's operator fixes this.",
            };
            let lines = matches!(failure, Failure::Blocked(_)).then(|| cors_lines(&origin));
            Some(view! {
                <div class="connect-status msg error" data-testid="connect-status" data-state="failed"
                    data-reason=failure.reason() data-endpoint=endpoint role="alert">
                    <p>{with_code(&failure.message())}</p>
                    <p>{who}
                        <span data-section=Section::ToolsCommand.key() hidden=hides(state, Section::ToolsCommand)>
                            " Meanwhile the terminal works: the tools command under " <strong>"Get my server's tools"</strong> " reads them through Codex."
                        </span>
                    </p>
                    {lines.map(|l| view! {
                        <CopyBlock testid="connect-cors" title="the lines for the cluster's operator" text=Signal::stored(Some(l)) />
                    })}
                </div>
            }.into_any())
        }
    }
    };
    view! {
        <div class="connect">
            <button type="button" data-testid="connect-start" prop:disabled=move || !usable() || working()
                title=move || state.copy_held().then_some("Review what this link changes first: it could aim the sign-in at another server.")
                on:click=start>
                "Sign in and read my server's tools"
            </button>
            {status}
            // The redirect URI names this page's address, which the build's
            // prerender cannot know: shown once opened, so the takeover
            // changes nothing on screen.
            <details class="operator" on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                operator_open.set(open);
            }>
                <summary>"For the page's operator: signing in from the browser"</summary>
                <p class="hint">"The page registers itself with the server, or uses " <code>"browser_client_id"</code>
                    " from presets.toml, a client registered with this redirect URI:"</p>
                <pre tabindex="0"><code data-testid="connect-redirect-uri">{move || operator_open.get().then(|| redirect.clone())}</code></pre>
                <p class="hint">"The server must allow this page's origin (CORS) on the MCP endpoint, its metadata, registration and token endpoints; see docs/connect.md."</p>
            </details>
        </div>
    }
}
