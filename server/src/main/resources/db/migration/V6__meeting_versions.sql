-- Calendars number a meeting's versions (iCalendar SEQUENCE, Google's sequence and updated,
-- Graph's lastModifiedDateTime). Kept so that an old version captured late, for instance by a
-- rep who was offline, cannot undo a newer move or cancellation.
alter table interactions add column source_sequence integer;
alter table interactions add column source_updated_at timestamptz;
