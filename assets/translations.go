package assets

import "embed"

// Translations holds the interface strings, one JSON file per language (en.json, ru.json), in
// the format of Fyne's lang package: a key is the English text, plural entries carry CLDR forms.
// The package stays free of Fyne, so the views turn these files into translations themselves.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the directory inside Translations that holds the files.
const TranslationsDir = "translations"

// Icons holds the SVG icons of robot types that the standard icon set lacks.
//
//go:embed icons/*.svg
var Icons embed.FS
