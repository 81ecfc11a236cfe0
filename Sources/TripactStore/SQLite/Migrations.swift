import Foundation

/// The schema, as numbered migrations. Append only: a migration that has landed is never edited.
enum Migrations {
    static let all: [String] = [
        // 1: organisations, users, agreements, versions, item states, comments, signatures, audit log.
        """
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'legal', 'account-manager', 'viewer')),
            password_hash TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE agreements (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            controller_id INTEGER NOT NULL REFERENCES organisations(id),
            processor_id INTEGER NOT NULL REFERENCES organisations(id),
            head INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'agreed', 'signed')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX agreements_by_status ON agreements(status);
        CREATE INDEX agreements_by_controller ON agreements(controller_id);
        CREATE INDEX agreements_by_processor ON agreements(processor_id);
        CREATE TABLE versions (
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            number INTEGER NOT NULL,
            parent INTEGER,
            author_id INTEGER NOT NULL REFERENCES users(id),
            party TEXT NOT NULL CHECK (party IN ('controller', 'processor')),
            created_at TEXT NOT NULL,
            message TEXT NOT NULL,
            document BLOB NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (agreement_id, number)
        );
        CREATE INDEX versions_by_hash ON versions(content_hash);
        CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
            BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
        CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
            BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
        CREATE TABLE item_states (
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            key TEXT NOT NULL,
            position INTEGER NOT NULL,
            hash TEXT NOT NULL,
            controller_accepted INTEGER NOT NULL,
            processor_accepted INTEGER NOT NULL,
            PRIMARY KEY (agreement_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            version INTEGER NOT NULL,
            item_key TEXT,
            author_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX comments_by_agreement ON comments(agreement_id, item_key);
        CREATE TABLE signatures (
            agreement_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            party TEXT NOT NULL CHECK (party IN ('controller', 'processor')),
            user_id INTEGER NOT NULL REFERENCES users(id),
            content_hash TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            PRIMARY KEY (agreement_id, version, party),
            FOREIGN KEY (agreement_id, version) REFERENCES versions(agreement_id, number)
        );
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            agreement TEXT,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
        // 2: log-in sessions (only the SHA-256 of each token is stored) and failed log-ins, for throttling.
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX sessions_by_expiry ON sessions(expires_at);
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL COLLATE NOCASE,
            at INTEGER NOT NULL
        );
        CREATE INDEX login_failures_by_email ON login_failures(email, at);
        """,
        // 3: the processor's registers (subprocessors with the changes that are their history, measure evidence), the
        // notices and approval requests each change sends to the agreements it affects, and public register lists.
        """
        CREATE TABLE register_entries (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            key TEXT NOT NULL,
            record BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE register_changes (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            kind TEXT NOT NULL CHECK (kind IN ('addition', 'replacement', 'modification', 'removal')),
            change BLOB NOT NULL,
            message TEXT NOT NULL,
            proposed_by INTEGER NOT NULL REFERENCES users(id),
            proposed_at TEXT NOT NULL
        );
        CREATE INDEX register_changes_by_organisation ON register_changes(organisation_id, id);
        CREATE TRIGGER register_changes_are_immutable BEFORE UPDATE ON register_changes
            BEGIN SELECT RAISE(ABORT, 'register changes are immutable'); END;
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            change_id INTEGER NOT NULL REFERENCES register_changes(id),
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            kind TEXT NOT NULL CHECK (kind IN ('notice', 'approval-request', 'information')),
            reason TEXT NOT NULL,
            issued TEXT NOT NULL,
            respond_by TEXT NOT NULL,
            takes_effect TEXT NOT NULL,
            late INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'objected', 'approved', 'applied', 'refused', 'withdrawn', 'alternative-offered', 'terminated')),
            objection TEXT,
            objected_by INTEGER REFERENCES users(id),
            objected_at TEXT,
            decided_by INTEGER REFERENCES users(id),
            decided_at TEXT,
            resolution_note TEXT,
            applied_version INTEGER
        );
        CREATE INDEX notices_by_agreement ON notices(agreement_id, id);
        CREATE INDEX notices_by_status ON notices(status, takes_effect);
        CREATE TABLE measure_evidence (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            key TEXT NOT NULL,
            evidence BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE public_registers (
            organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
            slug TEXT NOT NULL UNIQUE,
            published_at TEXT NOT NULL
        );
        """,
        // 4: removed users and rejections. A removed user keeps their row, so their name stays on the versions, comments and
        // signatures they made, but can no longer sign in. A comment says whether it is the reason of a rejection.
        """
        ALTER TABLE users ADD COLUMN removed_at TEXT;
        ALTER TABLE comments ADD COLUMN kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'rejection'));
        """,
        // 5: each audit event carries the facts of the rows its transaction wrote, so the tables that decide an agreement's
        // meaning can be checked against the chain. Signatures and register changes, like versions, are never deleted.
        // Failed log-ins name the client address, so throttling can tell one guesser from the account's real user. A public
        // list's address stays its organisation's after it is withdrawn, so nobody else can publish under it.
        """
        ALTER TABLE audit_events ADD COLUMN facts TEXT;
        CREATE TRIGGER signatures_are_kept BEFORE DELETE ON signatures
            BEGIN SELECT RAISE(ABORT, 'signatures are kept'); END;
        CREATE TRIGGER register_changes_are_kept BEFORE DELETE ON register_changes
            BEGIN SELECT RAISE(ABORT, 'register changes are immutable'); END;
        ALTER TABLE login_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
        CREATE INDEX login_failures_by_client ON login_failures(client, at);
        CREATE TABLE released_slugs (
            slug TEXT PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id)
        );
        """,
        // 6: one-time links: the first run's setup link and invitations to another organisation. Only the SHA-256 of each
        // token is stored; a link works once, until it expires, and a newer link of the same kind for the same person
        // revokes it.
        """
        CREATE TABLE one_time_links (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation')),
            organisation_id INTEGER REFERENCES organisations(id),
            email TEXT COLLATE NOCASE,
            role TEXT CHECK (role IS NULL OR role IN ('admin', 'legal', 'account-manager', 'viewer')),
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at TEXT,
            used_by INTEGER REFERENCES users(id),
            revoked_at TEXT
        );
        CREATE INDEX one_time_links_by_purpose ON one_time_links(purpose, email);
        """,
        // 7: versions made by the agreement's own procedures (a settled subprocessor notice, an approval), with the notice
        // that made each and the clause it ran under: such a version keeps the signatures of the signed version it updates.
        """
        CREATE TABLE procedural_versions (
            agreement_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            base INTEGER NOT NULL,
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            clause TEXT NOT NULL,
            clause_number INTEGER NOT NULL,
            applied_on TEXT NOT NULL,
            PRIMARY KEY (agreement_id, version),
            FOREIGN KEY (agreement_id, version) REFERENCES versions(agreement_id, number)
        );
        CREATE TRIGGER procedural_versions_are_immutable BEFORE UPDATE ON procedural_versions
            BEGIN SELECT RAISE(ABORT, 'procedural versions are immutable'); END;
        CREATE TRIGGER procedural_versions_are_kept BEFORE DELETE ON procedural_versions
            BEGIN SELECT RAISE(ABORT, 'procedural versions are immutable'); END;
        """,
        // 8: internal comments: a comment with `internal_to` set is visible only to that organisation (its author's).
        """
        ALTER TABLE comments ADD COLUMN internal_to INTEGER REFERENCES organisations(id);
        """,
        // 9: an agreement's audit events found without reading the whole log: every export and print preview looks up
        // the events that record its signatures, and the log grows with every agreement.
        """
        CREATE INDEX audit_events_by_agreement ON audit_events(agreement, action);
        """,
        // 10: a rejection stands on the item state until the item changes or the side that rejected it accepts it, instead
        // of being guessed from the comments of the head version. 1 marks a standing rejection; NULL (not 0) marks none,
        // so rows written before keep agreeing with the audit chain, whose facts record an absent field as NULL.
        """
        ALTER TABLE item_states ADD COLUMN controller_rejected INTEGER CHECK (controller_rejected IS NULL OR controller_rejected = 1);
        ALTER TABLE item_states ADD COLUMN processor_rejected INTEGER CHECK (processor_rejected IS NULL OR processor_rejected = 1);
        """,
        // 11: each organisation's private playbook, per side it negotiates as: only the positions that differ from the
        // library's playbook for that side, as canonical JSON (`tripact-playbook/1`). No row: the library's playbook.
        """
        CREATE TABLE playbooks (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            side TEXT NOT NULL CHECK (side IN ('controller', 'processor')),
            playbook BLOB NOT NULL,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, side)
        );
        """,
        // 12: personal API tokens. Only the SHA-256 of a token is kept: a token is 32 random bytes, so a fast hash cannot
        // be searched backwards, and the plain token is shown once when it is made. `last_used_at` changes with every
        // request and stays out of the audit chain; everything else about a token is audited.
        """
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            name TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('read', 'negotiate')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        );
        CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
        """,
        // 13: the version each user last marked as reviewed on each agreement, so the agreement page marks what changed
        // since. Private to the user: no other user, and never the other side, reads it; it is a reading aid, not a
        // negotiating act, so it stays out of the audit chain (and out of the page caches' database generation).
        """
        CREATE TABLE reviewed_versions (
            user_id INTEGER NOT NULL REFERENCES users(id),
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            version INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL,
            PRIMARY KEY (user_id, agreement_id)
        );
        """,
        // 14: left empty (its number was held for a branch that needed none), so that 15 keeps its number.
        "",
        // 15: signing by the signatory, and internal approval.
        // - The client address a signature came from, for the certificate of completion (NULL: not recorded).
        // - Links that invite an Annex I signatory who is not a user yet, one agreement each, hashed like invitations.
        // - Accounts made through such a link: the user may read and sign that one agreement and nothing else.
        // - An organisation's approval rules (before a turn is proposed, before signing), and the approvals asked,
        //   given or refused under them; all private to that organisation.
        """
        ALTER TABLE signatures ADD COLUMN client_address TEXT;
        CREATE TABLE signatory_links (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            party TEXT NOT NULL CHECK (party IN ('controller', 'processor')),
            email TEXT NOT NULL COLLATE NOCASE,
            name TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at TEXT,
            used_by INTEGER REFERENCES users(id),
            revoked_at TEXT
        );
        CREATE TABLE signing_accounts (
            user_id INTEGER PRIMARY KEY REFERENCES users(id),
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            party TEXT NOT NULL CHECK (party IN ('controller', 'processor'))
        );
        CREATE TABLE approval_rules (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            kind TEXT NOT NULL CHECK (kind IN ('proposal', 'signing')),
            scope TEXT NOT NULL,
            approver_id INTEGER NOT NULL REFERENCES users(id),
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, kind, scope)
        );
        CREATE TABLE approvals (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            kind TEXT NOT NULL CHECK (kind IN ('proposal', 'signing')),
            scope TEXT NOT NULL,
            base INTEGER NOT NULL,
            subject_hash TEXT NOT NULL,
            approver_id INTEGER NOT NULL REFERENCES users(id),
            requested_by INTEGER NOT NULL REFERENCES users(id),
            requested_at TEXT NOT NULL,
            decision TEXT CHECK (decision IS NULL OR decision IN ('approved', 'refused')),
            decided_at TEXT,
            reason TEXT
        );
        CREATE INDEX approvals_by_agreement ON approvals(agreement_id, organisation_id, kind);
        """,
        // 16: a side's private draft of an agreement (issue 10, item 1): one per agreement and organisation, the head
        // version it is prepared on, its document, the items both sides changed still to settle (one key a line), and
        // a revision that sending checks; and the log of who on the side edited which item when. Neither table is in
        // the audit chain's facts: the chain is read by both sides, a draft by one.
        """
        CREATE TABLE drafts (
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            base INTEGER NOT NULL,
            document BLOB NOT NULL,
            conflicts TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (agreement_id, organisation_id)
        );
        CREATE TABLE draft_edits (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            item TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            note TEXT NOT NULL
        );
        CREATE INDEX draft_edits_by_draft ON draft_edits(agreement_id, organisation_id, id);
        """,
        // 17: left empty here (its number is held for another branch), so that 18 keeps its number.
        "",
        // 18: Word comments held with a side's draft (issue 13): a returned DOCX imported into the draft keeps its
        // comments here, private to the side, until the draft is sent (they are then posted on the new version in the
        // same transaction) or discarded (they go with it). Not in the audit chain's facts, as the draft is not.
        """
        CREATE TABLE draft_comments (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id),
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            item TEXT,
            body TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX draft_comments_by_draft ON draft_comments(agreement_id, organisation_id, id);
        """,
    ]

    /// The first schema whose audit events carry facts; a file upgraded past it gets a baseline event.
    static let factsVersion = 5

    /// Brings the file to the latest schema; each migration and its version bump commit together.
    ///
    /// The version is read inside the write transaction, so two processes opening a new file at once cannot both apply
    /// the same migration: the second waits, then finds nothing left to do.
    /// Returns the schema version the file had before.
    @discardableResult
    static func run(on database: Database) throws(StoreError) -> Int {
        let current = try database.query("PRAGMA user_version") { $0.integer(0) }.first ?? 0
        guard current <= all.count else {
            throw .database("the database file has schema version \(current), newer than this tripact (\(all.count)); upgrade tripact")
        }
        guard current < all.count else { return current }
        return try database.transaction { connection throws(StoreError) in
            let applied = try Database.query(connection, "PRAGMA user_version", []) { $0.integer(0) }.first ?? 0
            for (index, sql) in all.enumerated() where index + 1 > applied {
                for statement in split(sql) { try Database.run(connection, statement, []) { _ in } }
                try Database.run(connection, "PRAGMA user_version = \(index + 1)", []) { _ in }
            }
            return applied
        }
    }

    /// Splits a migration into statements; triggers keep their inner semicolons.
    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let inTrigger = current.contains("CREATE TRIGGER") && !trimmed.hasSuffix("END;")
            if trimmed.hasSuffix(";"), !inTrigger {
                statements.append(current)
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { statements.append(current) }
        return statements
    }
}
