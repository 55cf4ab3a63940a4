CREATE TABLE "notify_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"subscribed" boolean NOT NULL,
	"role_admin" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_overrides" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_reviews" (
	"signal_id" bigint PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signal_reviews" ADD CONSTRAINT "signal_reviews_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;