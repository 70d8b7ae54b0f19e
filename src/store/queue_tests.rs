//! The unit tests of `store::queue`, apart to keep that file short.

use super::*;

/// Every `state IN (…)` in every migration of both databases is the domain's list, so an
/// index or a trigger cannot drift from what the code calls "in the queue". The one other
/// list allowed is the states that end a ticket (the credentials trigger deletes on them), and a
/// single `state = '…'` on tickets must name one of the domain's states.
#[test]
fn migrations_use_the_domains_queued_states() {
    let expected = queued_states_sql();
    assert_eq!(expected, "('queued', 'assigned')");
    let over = format!(
        "('{}', '{}')",
        TicketState::Resolved.as_str(),
        TicketState::Closed.as_str()
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut lists = 0;
    for backend in ["sqlite", "postgres"] {
        let dirs = std::fs::read_dir(root.join(backend)).expect("migrations folder");
        for dir in dirs {
            let path = dir.expect("entry").path().join("up.sql");
            let sql = std::fs::read_to_string(&path).expect("up.sql");
            for (i, _) in sql.match_indices("state IN (") {
                let list = &sql[i + "state IN ".len()..];
                let list = &list[..=list.find(')').expect("closing parenthesis")];
                if list == over {
                    continue;
                }
                assert_eq!(list, expected, "{}", path.display());
                lists += 1;
            }
            for (i, _) in sql.match_indices("state = '") {
                // Other tables have states of their own (the outbox's `pending`): only the
                // statements about tickets must use the domain's names.
                let start = sql[..i].rfind(';').map_or(0, |s| s + 1);
                if !sql[start..i].contains("ON tickets") {
                    continue;
                }
                let rest = &sql[i + "state = '".len()..];
                let name = &rest[..rest.find('\'').expect("closing quote")];
                // The take-next index (`queued`) and the timers' partial indexes (000014).
                assert!(
                    TicketState::parse(name).is_some(),
                    "{name} is not a ticket state: {}",
                    path.display()
                );
            }
        }
    }
    assert!(lists >= 10, "the lists were found ({lists})");
}
