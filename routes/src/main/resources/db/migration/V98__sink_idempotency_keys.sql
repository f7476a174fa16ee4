-- Keys a sink has delivered, shared by every instance that runs the sink against this database
-- (ADR 0054): the la-csv sink's store moves here from a file in one instance's state folder.
-- sink: the sink's name (e.g. "<agency>:csv-sink"); delivery_key: "<source-scoped id>:<generation>".
CREATE TABLE sink_delivered_key (
    sink         VARCHAR(96)  NOT NULL,
    delivery_key VARCHAR(400) NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, delivery_key)
);
