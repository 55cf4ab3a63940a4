CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text,
	"action" text NOT NULL,
	"allowed" boolean NOT NULL,
	"interaction_id" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "bot_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"running" boolean NOT NULL,
	"mode" text NOT NULL,
	"started_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" bigint NOT NULL,
	"position_id" bigint,
	"qty" integer NOT NULL,
	"price" numeric(18, 6) NOT NULL,
	"price_source" text NOT NULL,
	"commission_cents" bigint NOT NULL,
	"realized_pnl_cents" bigint DEFAULT 0 NOT NULL,
	"filled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_order_id" text NOT NULL,
	"signal_id" bigint,
	"position_id" bigint,
	"broker" text NOT NULL,
	"mode" text NOT NULL,
	"symbol" text NOT NULL,
	"asset_class" text NOT NULL,
	"side" text NOT NULL,
	"intent" text NOT NULL,
	"qty" integer NOT NULL,
	"order_type" text NOT NULL,
	"limit_price" numeric(18, 6),
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"signal_id" bigint,
	"broker" text NOT NULL,
	"mode" text NOT NULL,
	"symbol" text NOT NULL,
	"asset_class" text NOT NULL,
	"side" text NOT NULL,
	"qty_initial" integer NOT NULL,
	"qty_open" integer NOT NULL,
	"avg_entry" numeric(18, 6) NOT NULL,
	"stop" numeric(18, 6),
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"targets_hit" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"realized_pnl_cents" bigint DEFAULT 0 NOT NULL,
	"commission_cents" bigint DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"channel_kind" text NOT NULL,
	"channel_id" text,
	"channel_name" text,
	"guild_id" text,
	"author_id" text,
	"author_name" text,
	"raw_text" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parse" jsonb,
	"confidence" numeric(4, 3),
	"status" text DEFAULT 'received' NOT NULL,
	"reason_code" text,
	"reason" text,
	"message_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "fills_position" ON "fills" USING btree ("position_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_client_order_id" ON "orders" USING btree ("client_order_id");--> statement-breakpoint
CREATE INDEX "positions_status_symbol" ON "positions" USING btree ("status","symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_source_external_id" ON "signals" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "signals_status" ON "signals" USING btree ("status");--> statement-breakpoint
CREATE INDEX "signals_received_at" ON "signals" USING btree ("received_at");