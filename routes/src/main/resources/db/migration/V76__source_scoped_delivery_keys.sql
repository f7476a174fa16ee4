-- Message ids are unique per source agency only (ADR 0002, ADR 0036): two trusts may use the same id.
-- The delivery journal and the routing decisions are keyed by the source agency as well. Existing rows
-- take their source from the ledger's release of the same leg, else from the (single) inbound receipt
-- of that id; a row whose source cannot be told keeps '' and still shows under its message id.
ALTER TABLE delivery ADD COLUMN source_agency VARCHAR(64) DEFAULT '' NOT NULL;
UPDATE delivery SET source_agency = COALESCE(
    (SELECT MIN(l.source_agency) FROM ledger_entry l WHERE l.message_id = delivery.message_id
        AND l.recipient_agency = delivery.recipient_agency AND l.replay_generation = delivery.replay_generation
        AND l.entry_kind = 'RELEASE'),
    (SELECT MIN(r.source_agency) FROM inbound_receipt r WHERE r.message_id = delivery.message_id),
    '');
ALTER TABLE delivery DROP CONSTRAINT pk_delivery;
ALTER TABLE delivery ADD CONSTRAINT pk_delivery PRIMARY KEY (source_agency, message_id, recipient_agency,
    replay_generation);

ALTER TABLE routing_decision ADD COLUMN source_agency VARCHAR(64) DEFAULT '' NOT NULL;
UPDATE routing_decision SET source_agency = COALESCE(
    (SELECT MIN(r.source_agency) FROM inbound_receipt r WHERE r.message_id = routing_decision.message_id),
    '');
ALTER TABLE routing_decision DROP CONSTRAINT pk_routing_decision;
ALTER TABLE routing_decision ADD CONSTRAINT pk_routing_decision PRIMARY KEY (source_agency, message_id,
    recipient_agency, replay_generation);
