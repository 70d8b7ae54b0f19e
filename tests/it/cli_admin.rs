//! Products and purchases from the command line: lists, wording, the missing product of an order,
//! and the refusal of control characters in arguments and CSV cells.

use crate::helpers::*;

fn seed(db: &TestDb) {
    ok(&cli(
        db,
        &["product", "add", "shop", "--name", "Shop plugin"],
        "",
    ));
    for v in ["2.0.0", "2.1.0", "2.2.0", "2.3.0"] {
        ok(&cli(db, &["release", "add", "shop", v], ""));
    }
    ok(&cli(
        db,
        &["product", "add", "pdf-invoices", "--name", "PDF Invoices"],
        "",
    ));
}

fn purchase(db: &TestDb, order: &str, product: &str) -> String {
    ok(&cli(
        db,
        &[
            "purchase",
            "add",
            "--order",
            order,
            "--email",
            "ann@shop.test",
            "--product",
            product,
            "--date",
            "2026-01-10",
        ],
        "",
    ))
}

#[test]
fn outcomes_are_printed_as_words() {
    each_backend(|db| {
        seed(db);
        assert!(purchase(db, "O-1", "shop").contains("purchase O-1 shop created:"));
        assert!(purchase(db, "O-1", "shop").contains("purchase O-1 shop unchanged:"));
        let ext = [
            "purchase",
            "extend",
            "O-1",
            "--months",
            "1",
            "--date",
            "2026-01-20",
            "--ref",
            "X",
        ];
        let first = ok(&cli(db, &ext, ""));
        assert!(
            first.contains("extension X recorded: support until"),
            "{first}"
        );
        let again = ok(&cli(db, &ext, ""));
        assert!(again.contains("extension X already recorded:"), "{again}");
        let file = db.data_dir().join("one.csv");
        std::fs::write(
            &file,
            "order_ref,email,product,purchased_at\nO-2,b@shop.test,shop,2026-01-11\n",
        )
        .expect("write");
        let out = ok(&cli(
            db,
            &["purchase", "import", &file.to_string_lossy()],
            "",
        ));
        assert!(
            out.starts_with("1 row: 1 created, 0 updated, 0 unchanged, 0 rejected"),
            "{out}"
        );
        for printed in [first, again, out] {
            assert!(!printed.contains("Created") && !printed.contains("AlreadyRecorded"));
        }
    });
}

#[test]
fn extend_names_the_missing_product_of_an_existing_order() {
    each_backend(|db| {
        seed(db);
        purchase(db, "O-1", "shop");
        let out = cli(
            db,
            &[
                "purchase",
                "extend",
                "O-1",
                "--product",
                "pdf-invoices",
                "--months",
                "1",
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out)
                .contains(r#"order "O-1" has no purchase of product "pdf-invoices"; it has: shop"#),
            "{}",
            stderr(&out)
        );
        let none = cli(
            db,
            &[
                "purchase",
                "extend",
                "O-9",
                "--product",
                "shop",
                "--months",
                "1",
            ],
            "",
        );
        assert!(
            stderr(&none).contains(r#"no purchase with the order reference "O-9""#),
            "{}",
            stderr(&none)
        );
    });
}

#[test]
fn product_and_purchase_lists() {
    each_backend(|db| {
        seed(db);
        purchase(db, "O-1", "shop");
        purchase(db, "O-1", "pdf-invoices");
        let products = ok(&cli(db, &["product", "list"], ""));
        let shop = products
            .lines()
            .find(|l| l.starts_with("shop "))
            .expect("shop listed");
        assert!(
            shop.contains("2.1.0, 2.2.0, 2.3.0") && !shop.contains("2.0.0"),
            "{products}"
        );
        let pdf = products
            .lines()
            .find(|l| l.starts_with("pdf-invoices"))
            .expect("pdf listed");
        assert!(pdf.contains("any (no releases)"), "{products}");
        let list = ok(&cli(
            db,
            &["purchase", "list", "--email", "ANN@shop.test"],
            "",
        ));
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), 3, "a header and two purchases: {list}");
        assert!(
            lines[1].starts_with("O-1") && lines[1].contains("pdf-invoices"),
            "{list}"
        );
        assert!(
            lines[2].contains("shop") && lines[2].contains("2026-02-09 (expired)"),
            "{list}"
        );
        let nobody = ok(&cli(
            db,
            &["purchase", "list", "--email", "zed@shop.test"],
            "",
        ));
        assert!(nobody.contains("no purchases"), "{nobody}");
    });
}

#[test]
fn control_characters_in_arguments_are_refused_by_name() {
    each_backend(|db| {
        seed(db);
        let out = cli(
            db,
            &["product", "add", "other", "--name", "Evil\u{1b}[2J"],
            "",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("--name: contains a control character"),
            "{}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains('\u{1b}'),
            "the bad value is not echoed"
        );
        let out = cli(
            db,
            &[
                "purchase",
                "add",
                "--order",
                "O-1\r\nX",
                "--email",
                "a@b.test",
                "--product",
                "shop",
                "--date",
                "2026-01-10",
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("--order: must be on one line"),
            "{}",
            stderr(&out)
        );
        let out = cli(db, &["token", "add", "tab\there", "--scope", "intake"], "");
        assert!(
            stderr(&out).contains("NAME: contains a control character"),
            "{}",
            stderr(&out)
        );
        let state = db.state();
        assert_eq!(
            guichet::store::purchases::count(&mut conn(&state)).expect("count"),
            0
        );
    });
}

#[test]
fn a_control_character_in_a_csv_cell_is_reported_and_the_other_rows_load() {
    each_backend(|db| {
        seed(db);
        let csv = "order_ref,email,product,purchased_at,notes\n\
                   W-1,a@shop.test,shop,2026-01-10,\"line one\nline two\"\n\
                   W\u{7}2,b@shop.test,shop,2026-01-10,\n\
                   W-3,c@shop.test,sh\u{0}op,2026-01-10,\n\
                   W-4,d@shop.test,shop,2026-01-10,\n";
        let file = db.data_dir().join("controls.csv");
        std::fs::write(&file, csv).expect("write");
        let out = cli(db, &["purchase", "import", &file.to_string_lossy()], "");
        let err = stderr(&out);
        assert!(
            err.contains("line 4: column 1 (`order_ref`): contains a control character"),
            "{err}"
        );
        assert!(
            err.contains("line 5: column 3 (`product`): contains a control character"),
            "{err}"
        );
        assert!(stdout(&out).contains("2 created"), "{}", stdout(&out));
        let state = db.state();
        assert_eq!(
            guichet::store::purchases::count(&mut conn(&state)).expect("count"),
            2
        );
    });
}

#[test]
fn the_api_names_the_missing_product_of_an_existing_order_too() {
    use crate::api_support::{desk, error_code};
    each_backend(|db| {
        let d = desk(db);
        seed_product(&mut conn(&d.app.state), "other");
        let r = d.client.post(
            "/api/v1/purchases/O-1/extensions",
            Some(&d.purchases),
            &serde_json::json!({"extension_ref": "E-1", "months": 1, "product": "other"}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (404, "unknown_purchase")
        );
        let message = r.json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            message.contains(r#"order "O-1" has no purchase of product "other"; it has: shop"#),
            "{message}"
        );
    });
}
