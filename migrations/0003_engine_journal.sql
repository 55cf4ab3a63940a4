CREATE TABLE "fills" (
	"fill_id" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"order_id" text NOT NULL,
	"position_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"qty" integer NOT NULL,
	"price" numeric(18, 6) NOT NULL,
	"price_source" text NOT NULL,
	"reason" text NOT NULL,
	"target_index" integer,
	"slippage_ticks" integer NOT NULL,
	"commission_cents" bigint NOT NULL,
	"realized_net_cents" bigint NOT NULL,
	"filled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"broker" text NOT NULL,
	"mode" text NOT NULL,
	"signal_id" bigint,
	"position_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"order_type" text NOT NULL,
	"qty" integer NOT NULL,
	"filled_qty" integer NOT NULL,
	"purpose" text NOT NULL,
	"target_index" integer,
	"exit_plan" jsonb,
	"status" text NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"position_id" text PRIMARY KEY NOT NULL,
	"signal_id" bigint,
	"broker" text NOT NULL,
	"mode" text NOT NULL,
	"symbol" text NOT NULL,
	"asset_class" text NOT NULL,
	"side" text NOT NULL,
	"qty_open" integer NOT NULL,
	"qty_entered" integer NOT NULL,
	"avg_entry" numeric(18, 6) NOT NULL,
	"stop" numeric(18, 6),
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"targets_hit" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"realized_gross_cents" bigint NOT NULL,
	"commission_cents" bigint NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stop_moves" (
	"seq" integer PRIMARY KEY NOT NULL,
	"position_id" text NOT NULL,
	"from_price" numeric(18, 6),
	"to_price" numeric(18, 6),
	"best_price" numeric(18, 6),
	"cause" text NOT NULL,
	"moved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_order_id_orders_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fills_position" ON "fills" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "fills_filled_at" ON "fills" USING btree ("filled_at");--> statement-breakpoint
CREATE INDEX "orders_signal" ON "orders" USING btree ("signal_id");--> statement-breakpoint
CREATE INDEX "orders_position" ON "orders" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "positions_status_symbol" ON "positions" USING btree ("status","symbol");