"""The ledger in the database itself: transactions and entries refuse UPDATE and DELETE (append-only; corrections
are reversing transactions), and on PostgreSQL a deferred constraint trigger refuses, at commit, any transaction
whose entries do not sum to zero. SQLite gets the UPDATE guards (its test database is emptied with DELETE)."""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION trade_ledger_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER trade_ledgerentry_append_only BEFORE UPDATE OR DELETE ON trade_ledgerentry
        FOR EACH ROW EXECUTE FUNCTION trade_ledger_refuse_change();
    """,
    """
    CREATE TRIGGER trade_ledgertransaction_append_only BEFORE UPDATE OR DELETE ON trade_ledgertransaction
        FOR EACH ROW EXECUTE FUNCTION trade_ledger_refuse_change();
    """,
    """
    CREATE OR REPLACE FUNCTION trade_ledger_check_balanced() RETURNS trigger AS $$
    DECLARE
        total numeric;
    BEGIN
        SELECT COALESCE(SUM(amount), 0) INTO total FROM trade_ledgerentry WHERE transaction_id = NEW.transaction_id;
        IF total <> 0 THEN
            RAISE EXCEPTION 'ledger transaction % does not sum to zero (%)', NEW.transaction_id, total;
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE CONSTRAINT TRIGGER trade_ledgerentry_balanced AFTER INSERT ON trade_ledgerentry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trade_ledger_check_balanced();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS trade_ledgerentry_balanced ON trade_ledgerentry;",
    "DROP TRIGGER IF EXISTS trade_ledgerentry_append_only ON trade_ledgerentry;",
    "DROP TRIGGER IF EXISTS trade_ledgertransaction_append_only ON trade_ledgertransaction;",
    "DROP FUNCTION IF EXISTS trade_ledger_check_balanced();",
    "DROP FUNCTION IF EXISTS trade_ledger_refuse_change();",
]
SQLITE_FORWARD = [
    """
    CREATE TRIGGER trade_ledgerentry_append_only BEFORE UPDATE ON trade_ledgerentry
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
    """,
    """
    CREATE TRIGGER trade_ledgertransaction_append_only BEFORE UPDATE ON trade_ledgertransaction
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS trade_ledgerentry_append_only;",
    "DROP TRIGGER IF EXISTS trade_ledgertransaction_append_only;",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_orders_ledger_idempotency")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
                             _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})),
    ]
