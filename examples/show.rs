use codex_mcp_configurator::{catalog, model::Draft, render, share, validate};
fn main() {
    let mut d = Draft::default();
    d.name = "kfuse.prod".into();
    d.url = "Acme.Kloudfuse.io:8443/?a=1&b=$x".into();
    d.tools.allow_only = true;
    d.tools.enabled_tools = vec!["logs_search".into(), "prometheus_query".into()];
    d.tools.disabled_tools = vec!["delete_all_entities".into()];
    d.startup_timeout_sec = "30".into();
    d.tool_timeout_sec = "12.5".into();
    d.scopes = "openid, mcp:read".into();
    d.oauth_client_id = "-abc".into();
    let v = validate::validate(&d, &catalog::kloudfuse_tools());
    for f in &v.findings { println!("{:?}", f); }
    let c = v.config.unwrap();
    print!("{}", render::render_config_toml(&c));
    println!("---");
    print!("{}", render::render_posix(&render::terminal_steps(&c)));
    print!("{}", render::render_powershell(&render::terminal_steps(&c)));
    println!("---");
    print!("{}", render::render_config_only_lines(&c).unwrap());
    print!("{}", render::render_app_fields(&c));
    println!("{}", share::share_link("https://docs/x/?old#f", &c, &Draft::default()));
}
