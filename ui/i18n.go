package ui

import (
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"robodesk/assets"
)

// Languages the interface is translated to, by code; "" follows the system locale.
var languages = []struct{ code, name string }{
	{"", ""}, // the system's language; its name is translated at display time
	{"en", "English"},
	{"ru", "Русский"},
}

// prefLanguage is the preference key of the language chosen in the menu.
const prefLanguage = "language"

var (
	langOnce     sync.Once
	origLanguage string
	origSet      bool
)

// useLanguage loads the bundled translations and picks a language: code "" follows the system.
// Fyne's lang package matches translations against the locale it reads from the environment, so
// on Linux a chosen language is set through LANGUAGE (which the locale lookup honours before
// LANG) and the translations are reloaded; the views must be rebuilt afterwards.
func useLanguage(code string) {
	langOnce.Do(func() { origLanguage, origSet = os.LookupEnv("LANGUAGE") })
	switch {
	case code != "":
		os.Setenv("LANGUAGE", code)
	case origSet:
		os.Setenv("LANGUAGE", origLanguage)
	default:
		os.Unsetenv("LANGUAGE")
	}
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		fyne.LogError("load translations", err)
	}
}

// langCode is the language the interface speaks now: "ru" or "en". Catalog titles and number
// formats follow it.
func langCode() string { return lang.X("lang.code", "en") }
