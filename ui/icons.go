package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"robodesk/assets"
	"robodesk/model/catalog"
)

var (
	iconMu    sync.Mutex
	iconCache = map[string]fyne.Resource{}
)

// svgIcon is one of the bundled icons, as a plain resource to be colored by the caller.
func svgIcon(name string) fyne.Resource {
	iconMu.Lock()
	defer iconMu.Unlock()
	if r, ok := iconCache[name]; ok {
		return r
	}
	data, err := assets.Icons.ReadFile("icons/" + name + ".svg")
	if err != nil {
		fyne.LogError("icon "+name, err)
		return theme.QuestionIcon()
	}
	r := fyne.NewStaticResource(name+".svg", data)
	iconCache[name] = r
	return r
}

// typeIcon is the picture of a robot type, before coloring.
func typeIcon(typ string, e *catalog.Robot) fyne.Resource {
	switch typ {
	case "SocNetMessageActivity", "CrmControlNotifyActivity":
		return svgIcon("bell")
	case "CrmTimelineCommentAdd":
		return svgIcon("comment")
	case "SocnetBlogPostActivity":
		return theme.DocumentIcon()
	case "ImCreateGroupChatActivity", "ImAddMemberToGroupChatActivity", "ImAddMessageToGroupChatActivity", "ImMessageActivity":
		return svgIcon("chat")
	case "MailActivity", "CrmSendEmailActivity":
		return theme.MailComposeIcon()
	case "CrmSendSmsActivity":
		return svgIcon("sms")
	case "Task2Activity":
		return svgIcon("task")
	case "CrmCreateCallActivity":
		return svgIcon("phone")
	case "CrmCreateMeetingActivity":
		return theme.CalendarIcon()
	case "CrmCreateToDoActivity":
		return theme.ListIcon()
	case "CrmChangeStatusActivity":
		return theme.NavigateNextIcon()
	case "CrmChangeResponsibleActivity":
		return theme.AccountIcon()
	case "CrmCreateDynamicActivity":
		return theme.DocumentCreateIcon()
	case "WebHookActivity":
		return svgIcon("webhook")
	case "CrmWaitActivity":
		return svgIcon("clock")
	}
	switch {
	case e != nil && e.Category == catalog.Ads:
		return svgIcon("megaphone")
	case e != nil && e.App:
		return svgIcon("chat")
	case e != nil:
		return theme.SettingsIcon()
	}
	return theme.QuestionIcon()
}

// coloredIcon is a robot type's icon in its category color.
func coloredIcon(typ string, e *catalog.Robot) fyne.Resource {
	cat := catalog.Other
	if e != nil {
		cat = e.Category
	}
	return theme.NewColoredResource(typeIcon(typ, e), categoryColor(cat))
}
