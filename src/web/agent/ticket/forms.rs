//! The ticket page's forms, as the page shows them: reply (with the canned responses of the
//! ticket's language), internal note, merge and the state buttons. Apart from the view of the
//! ticket because [`crate::web::agent::ticket_actions`] builds them again, holding what was typed,
//! when a post is refused ([`Boxes`]); which state buttons show follows the ticket's state.

use crate::domain::lifecycle::TicketState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::{Agent, Ticket};
use crate::web::widgets::Field;

pub struct Canned {
    pub label: String,
    pub none: String,
    /// (value, label)
    pub options: Vec<(String, String)>,
    /// The option chosen before (after an insert), as its value.
    pub selected: String,
    pub insert: String,
    pub send_now: String,
}

/// One form of the page: a text box (or none), buttons as (`do` value, label).
pub struct ActionForm {
    pub id: &'static str,
    pub title: String,
    pub action: String,
    pub text: Option<Field>,
    pub canned: Option<Canned>,
    pub buttons: Vec<(&'static str, String)>,
}

/// What the page's forms hold: the reply and note boxes (kept after a bad post) and the canned
/// response picked before, if any.
pub struct Boxes {
    pub reply: Field,
    pub note: Field,
    pub canned: Option<i64>,
}

impl Boxes {
    pub fn empty(lang: Lang) -> Boxes {
        Boxes {
            reply: reply_field(lang, ""),
            note: note_field(lang, ""),
            canned: None,
        }
    }
}

pub fn reply_field(lang: Lang, value: &str) -> Field {
    Field::new("body", i18n::text(lang, Msg::AgentReplyText, &[]), value)
}

pub fn note_field(lang: Lang, value: &str) -> Field {
    Field::new("note", i18n::text(lang, Msg::AgentNoteText, &[]), value)
}

/// The page's forms for `tk` as `agent` sees it, holding `boxes`; `canned` are the responses
/// offered in the reply form.
pub fn forms(
    lang: Lang,
    agent: &Agent,
    tk: &Ticket,
    boxes: Boxes,
    canned: Vec<store::canned::Canned>,
) -> Vec<ActionForm> {
    let Boxes {
        reply,
        note,
        canned: chosen,
    } = boxes;
    let t = |m| i18n::text(lang, m, &[]);
    let number = tk.id.get();
    let action = |what: &str| format!("/agent/tickets/{number}/{what}");
    let mut state_buttons = Vec::new();
    if tk.assignee_id != Some(agent.id) && tk.state.in_queue() {
        state_buttons.push(("assign", t(Msg::AgentActionAssignMe)));
    }
    if tk.assignee_id.is_some() && tk.state.in_queue() {
        state_buttons.push(("unassign", t(Msg::AgentActionUnassign)));
    }
    if !matches!(tk.state, TicketState::Resolved | TicketState::Closed) {
        state_buttons.push(("resolve", t(Msg::AgentActionResolve)));
    }
    if tk.state != TicketState::Closed {
        state_buttons.push(("close", t(Msg::AgentActionClose)));
    }
    if matches!(tk.state, TicketState::Resolved | TicketState::Closed) {
        state_buttons.push(("reopen", t(Msg::AgentActionReopen)));
    }
    vec![
        ActionForm {
            id: "reply",
            title: t(Msg::AgentReplyTitle),
            action: action("reply"),
            text: Some(reply),
            canned: Some(Canned {
                label: t(Msg::AgentCannedLabel),
                none: t(Msg::AgentCannedNone),
                options: canned
                    .into_iter()
                    .map(|c| {
                        let label = if c.resolves {
                            i18n::text(lang, Msg::AgentCannedResolves, &[("title", c.title)])
                        } else {
                            c.title
                        };
                        (c.id.to_string(), label)
                    })
                    .collect(),
                selected: chosen.map(|id| id.to_string()).unwrap_or_default(),
                insert: t(Msg::AgentCannedInsert),
                send_now: t(Msg::AgentCannedSendNow),
            }),
            buttons: vec![
                ("send", t(Msg::AgentReplySend)),
                ("send_resolve", t(Msg::AgentReplySendResolve)),
            ],
        },
        ActionForm {
            id: "note",
            title: t(Msg::AgentNoteTitle),
            action: action("note"),
            text: Some(note),
            canned: None,
            buttons: vec![("note", t(Msg::AgentNoteAdd))],
        },
        ActionForm {
            id: "merge",
            title: t(Msg::AgentMergeTitle),
            action: action("merge"),
            text: Some(Field::new("into", t(Msg::AgentMergeInto), "")),
            canned: None,
            buttons: vec![("merge", t(Msg::AgentMergeSubmit))],
        },
        ActionForm {
            id: "state",
            title: t(Msg::AgentActionsTitle),
            action: action("state"),
            text: None,
            canned: None,
            buttons: state_buttons,
        },
    ]
}
