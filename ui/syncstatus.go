package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
)

// SyncStatusText is the status bar's line about syncing: when the project last synced with its
// portal and how many local changes are not pushed yet, e.g. "Last sync 2025-07-10 14:05 with
// example.bitrix24.ru · 3 local changes not pushed". It reads the project only, never the
// network, so it is cheap enough to call after every change.
func SyncStatusText(doc Document, svc SyncService) string {
	if doc == nil || svc == nil {
		return ""
	}
	st, err := svc.Status(doc)
	if err != nil {
		return lang.L("Sync status unknown: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	pending := lang.N("{{.Count}} local change not pushed", st.Pending, map[string]any{"Count": st.Pending})
	switch {
	case st.Host == "":
		return lang.L("Not synced yet") + " · " + pending
	case st.LastSync.IsZero():
		return lang.L("Pulled {{.When}} from {{.Host}}, never pushed", map[string]any{"When": when(st.LastPull), "Host": st.Host}) + " · " + pending
	}
	return lang.L("Last sync {{.When}} with {{.Host}}", map[string]any{"When": when(st.LastSync), "Host": st.Host}) + " · " + pending
}

// when formats a sync time in the user's zone, to the minute.
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }
