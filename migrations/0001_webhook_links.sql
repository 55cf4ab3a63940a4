CREATE TABLE "webhook_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"strategy" text,
	"stop_loss_pct" numeric(9, 4),
	"target_pct" numeric(9, 4),
	"trailing_pct" numeric(9, 4),
	"paper" boolean DEFAULT true NOT NULL,
	"rate_limit_per_minute" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "webhook_link_id" bigint GENERATED ALWAYS AS (case when source = 'tradingview' and external_id ~ '^[0-9]{1,18}:' then split_part(external_id, ':', 1)::bigint end) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_links_token_hash" ON "webhook_links" USING btree ("token_hash");