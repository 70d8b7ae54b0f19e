//! From settings to a running application: resolve the configuration, open and migrate the
//! database, check the master key, then build the HTTP server on a listener (port 0 in tests).

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web as aweb};

pub use crate::app::AppState;
use crate::config::{self, Config, Layers};
use crate::db::{self, DbConn};
use crate::keys::{self, Keys};
use crate::store::{self, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    #[error(transparent)]
    Smtp(#[from] crate::mail::smtp::SmtpSetupError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
}

/// The inputs start-up needs before the database can be read.
#[derive(Debug, Clone, Default)]
pub struct Bootstrap {
    pub data_dir: PathBuf,
    /// From `--database-url` or `GUICHET_DATABASE_URL`; default SQLite in the data directory.
    pub database_url: Option<String>,
    /// Settings given as command-line flags (e.g. `bind`).
    pub flags: std::collections::BTreeMap<String, String>,
    /// `GUICHET_*` variables; tests pass their own instead of touching the process environment.
    pub env: std::collections::BTreeMap<String, String>,
    /// Content of `GUICHET_SECRET_KEY`.
    pub secret_key: Option<String>,
}

impl Bootstrap {
    /// Reads the process environment for the settings and the key.
    pub fn from_process_env(data_dir: PathBuf, database_url: Option<String>) -> Bootstrap {
        Layers::warn_unknown_env();
        Bootstrap {
            data_dir,
            database_url,
            flags: Default::default(),
            env: Layers::from_env(),
            secret_key: std::env::var(keys::KEY_ENV).ok(),
        }
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| config::default_database_url(&self.data_dir))
    }
}

/// Opens the database (migrating it), resolves the configuration and checks the master key.
pub fn prepare(boot: &Bootstrap) -> Result<AppState, StartError> {
    prepare_migrated(boot).map(|(state, _)| state)
}

/// [`prepare`], also returning the names of the migrations it applied (for `guichet migrate`).
pub fn prepare_migrated(boot: &Bootstrap) -> Result<(AppState, Vec<String>), StartError> {
    let (file, file_path) = Layers::read_file(&boot.data_dir)?;
    let mut layers = Layers {
        flags: boot.flags.clone(),
        env: boot.env.clone(),
        file,
        file_path,
        saved: Default::default(),
    };
    let url = boot.database_url();
    // Pool size and SQLite durability are needed before the saved settings can be read, so they
    // come from the layers above them only.
    let early = Config::resolve(boot.data_dir.clone(), url.clone(), &layers)?;
    let (pool, applied) = db::connect_and_migrate(
        &url,
        db::PoolOptions {
            size: early.pool_size,
            wait: early.pool_wait,
            sqlite_sync: early.sqlite_sync,
        },
    )?;
    if !applied.is_empty() {
        tracing::info!(migrations = %applied.join(", "), "database migrated");
    }
    let mut conn = pool.get().map_err(|e| db::DbError::Pool(e.to_string()))?;
    layers.saved = store::meta::saved_settings(&mut conn)?;
    let config = Config::resolve(boot.data_dir.clone(), url, &layers)?;
    let keys = load_keys(&mut conn, boot)?;
    drop(conn);
    let mailer = crate::mail::mailer_for(&config)?;
    Ok((
        AppState::new(pool, config, keys).with_mailer(mailer),
        applied,
    ))
}

fn load_keys(conn: &mut DbConn, boot: &Bootstrap) -> Result<Keys, StartError> {
    let stored = store::meta::get(conn, store::meta::KEY_CHECK)?;
    let (key, new_check) = keys::load(
        &boot.data_dir,
        boot.secret_key.as_deref(),
        stored.as_deref(),
    )?;
    if let Some(check) = new_check {
        // Another process may have stored its check value meanwhile; the one in force must match.
        let in_force = store::meta::set_if_absent(conn, store::meta::KEY_CHECK, &check)?;
        if in_force != check {
            return Err(keys::KeyError::Mismatch {
                origin: "this process".into(),
            }
            .into());
        }
    }
    Ok(key.derive())
}

/// A bound, not yet running, HTTP server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `bind` (use port 0 to let the system choose) and builds the server.
    pub fn build(state: AppState, bind: &str) -> Result<Application, StartError> {
        let bind_err = |source| StartError::Bind {
            addr: bind.to_string(),
            source,
        };
        let listener = TcpListener::bind(bind).map_err(bind_err)?;
        let port = listener.local_addr().map_err(bind_err)?.port();
        // No upload is running yet: what an interrupted one left is garbage.
        let tmp = state.config.data_dir.join("attachments").join("tmp");
        if let Err(e) = crate::attachments::clear_tmp(&tmp) {
            tracing::warn!(error = %e, "could not clear the temporary attachment folder");
        }
        // Database work runs on each worker's blocking pool. More threads than connections only
        // adds context switches (measured in BENCHMARKS.md), so the pool is sized to match.
        let blocking_threads = state.config.pool_size as usize;
        let default_lang = state.config.default_language;
        let server = HttpServer::new(move || {
            let metrics = state.metrics.clone();
            App::new()
                .app_data(aweb::Data::new(state.clone()))
                .wrap_fn(move |req, srv| {
                    use actix_web::dev::Service;
                    let metrics = metrics.clone();
                    let started = std::time::Instant::now();
                    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
                    let method = req.method().to_string();
                    let call = srv.call(req);
                    async move {
                        let res = call.await?;
                        metrics.observe(&method, &route, res.status().as_u16(), started.elapsed());
                        Ok(res)
                    }
                })
                .wrap_fn(move |req, srv| {
                    use actix_web::dev::Service;
                    let api = crate::web::error_page::is_api(&req);
                    let call = srv.call(req);
                    async move {
                        let res = call.await?;
                        Ok(crate::web::error_page::for_pages(api, res, default_lang))
                    }
                })
                .wrap(crate::web::security_headers())
                // Outermost, so the line carries the status the client finally got.
                .wrap(actix_web::middleware::from_fn(crate::web::access_log::log))
                .configure(crate::web::routes)
        })
        .worker_max_blocking_threads(blocking_threads)
        .listen(listener)
        .map_err(bind_err)?
        .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}
