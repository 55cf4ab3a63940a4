CREATE TABLE "session_marks" (
	"session_start" timestamp with time zone NOT NULL,
	"position_id" text NOT NULL,
	"mark" numeric(18, 6) NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_marks_session_start_position_id_pk" PRIMARY KEY("session_start","position_id")
);
