//! `guichet serve` and `guichet migrate`.

use clap::Args;

use super::CliError;
use crate::app::AppState;
use crate::db::DatabaseUrl;
use crate::demo::{self, DemoData, Seeded};
use crate::startup::{Application, Bootstrap};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, HOST:PORT; HOST may be a name (localhost:8096) or an address
    /// (0.0.0.0:8080 for every interface). Overrides the `bind` setting [default: 127.0.0.1:8080].
    #[arg(long, value_name = "HOST:PORT")]
    bind: Option<String>,
    /// Seed sample products, releases, purchases, tickets and an admin agent, and print how to
    /// log in; only into a database that has no product and no agent yet.
    #[arg(long)]
    demo: bool,
}

pub fn migrate(boot: &Bootstrap) -> Result<(), CliError> {
    let (_, applied) = crate::startup::prepare_migrated(boot)?;
    if applied.is_empty() {
        println!("database already up to date: no migration to apply");
    } else {
        for name in &applied {
            println!("applied migration {name}");
        }
        println!(
            "{} applied",
            super::plural(applied.len(), "migration", "migrations")
        );
    }
    Ok(())
}

pub fn serve(boot: &mut Bootstrap, args: ServeArgs) -> Result<(), CliError> {
    if let Some(bind) = args.bind {
        super::args::text("--bind", &bind)?;
        boot.flags.insert("bind".into(), bind);
    }
    let state = crate::startup::prepare(boot)?;
    if args.demo {
        // The connection is returned to the pool before serving: the server needs all of them.
        let seeded = {
            let conn = &mut state.conn()?;
            demo::seed_if_empty(conn, &state)?
        };
        match seeded {
            Seeded::Demo(data) => print_demo(&data, &state),
            Seeded::AlreadyHadData => print_or_ignore(format_args!(
                "demo: the database already has products or agents, so nothing was seeded.\n\
                 demo: to see the demo again, start on a fresh data directory: \
                 guichet --data-dir ./demo-data serve --demo"
            )),
        }
    }
    run_server(state)
}

/// Prints the demo's data. Write errors are ignored: a server whose stdout nobody reads any
/// more (a closed pipe) must go on serving.
fn print_demo(d: &DemoData, state: &AppState) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let mut line = |text: String| {
        let _ = writeln!(out, "demo: {text}");
    };
    line("seeded sample data".into());
    for (slug, name, releases) in &d.products {
        line(format!(
            "product  {slug} ({name}), releases {}",
            releases.join(", ")
        ));
    }
    for (order, email, product, tier, until) in &d.purchases {
        line(format!(
            "purchase {order} by {email} of {product}, {tier} support until {until}"
        ));
    }
    for (number, email, subject) in &d.tickets {
        line(format!("ticket   #{number} from {email}: {subject}"));
    }
    line(format!(
        "dashboard    {}/agent",
        state.config.public_url.trim_end_matches('/')
    ));
    line(format!("agent login  {}", d.agent_email));
    line(format!("password     {}", d.agent_password));
    line(format!("agent API token {}", d.agent_token));
    if let Some(url) = &d.portal_url {
        line(format!("a customer portal  {url}"));
    }
    line(format!(
        "try  curl -H 'Authorization: Bearer {}' {}/api/v1/queue",
        d.agent_token, state.config.public_url
    ));
}

fn print_or_ignore(text: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn run_server(state: AppState) -> Result<(), CliError> {
    let bind = state.config.bind.clone();
    let database = DatabaseUrl::parse(&state.config.database_url)
        .map(|u| u.redacted())
        .unwrap_or_else(|_| "(unreadable URL)".into());
    let data_dir = state.config.data_dir.display().to_string();
    crate::workers::start(&state);
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(state, &bind)?;
        // The host as configured, the port as bound (it differs for port 0).
        let host = bind.rsplit_once(':').map_or(bind.as_str(), |(h, _)| h);
        let url = format!("http://{host}:{}", app.port());
        tracing::info!(%url, %database, %data_dir, "guichet is serving {url}");
        app.run_until_stopped().await?;
        Ok(())
    })
}
