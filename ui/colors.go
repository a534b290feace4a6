package ui

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"robodesk/model/catalog"
)

// Colors of the board that the standard theme does not name. The theme answers them; widgets
// look them up by name so a theme change repaints them too.
const (
	colorBoard     fyne.ThemeColorName = "robodesk.board"
	colorColumn    fyne.ThemeColorName = "robodesk.column"
	colorCard      fyne.ThemeColorName = "robodesk.card"
	colorCardOff   fyne.ThemeColorName = "robodesk.cardOff"
	colorCardEdge  fyne.ThemeColorName = "robodesk.cardEdge"
	colorMatch     fyne.ThemeColorName = "robodesk.match"
	colorMatchEdge fyne.ThemeColorName = "robodesk.matchEdge"
	colorEmployees fyne.ThemeColorName = "robodesk.employees"
	colorClients   fyne.ThemeColorName = "robodesk.clients"
	colorAds       fyne.ThemeColorName = "robodesk.ads"
	colorOther     fyne.ThemeColorName = "robodesk.other"
	colorChain     fyne.ThemeColorName = "robodesk.chain"
	colorTrigger   fyne.ThemeColorName = "robodesk.trigger"
	colorCopy      fyne.ThemeColorName = "robodesk.copy"
)

// palette holds the board colors, light and dark.
var palette = map[fyne.ThemeColorName][2]color.NRGBA{
	colorBoard:     {rgb(0xe9eef2), rgb(0x1e2124)},
	colorColumn:    {rgb(0xf5f7f9), rgb(0x272b2f)},
	colorCard:      {rgb(0xffffff), rgb(0x32373c)},
	colorCardOff:   {rgb(0xeef0f2), rgb(0x2a2d31)},
	colorCardEdge:  {rgb(0xd9dee3), rgb(0x454b52)},
	colorMatch:     {rgb(0xfff6c2), rgb(0x4a4320)},
	colorMatchEdge: {rgb(0xf2c200), rgb(0xc9a300)},
	colorEmployees: {rgb(0x2fa9e0), rgb(0x4cc3f5)},
	colorClients:   {rgb(0x7cb300), rgb(0x9dcf00)},
	colorAds:       {rgb(0xf29c00), rgb(0xffb020)},
	colorOther:     {rgb(0x8a939c), rgb(0xa8b0b8)},
	colorChain:     {rgb(0x1f8fbf), rgb(0x55c6f0)},
	colorTrigger:   {rgb(0xe08a00), rgb(0xffb020)},
	colorCopy:      {rgb(0x2e8540), rgb(0x6fdc7a)},
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// themeColor looks a color up in the current theme and variant.
func themeColor(name fyne.ThemeColorName) color.Color {
	app := fyne.CurrentApp()
	if app == nil {
		return color.Transparent
	}
	return app.Settings().Theme().Color(name, app.Settings().ThemeVariant())
}

// boardColor is a board color, from the app's theme when it is ours, else the light palette.
func boardColor(name fyne.ThemeColorName) color.Color {
	if app := fyne.CurrentApp(); app != nil {
		if th, ok := app.Settings().Theme().(*deskTheme); ok {
			return th.Color(name, app.Settings().ThemeVariant())
		}
	}
	return palette[name][0]
}

// categoryColor names the color of a robot category.
func categoryColor(c catalog.Category) fyne.ThemeColorName {
	switch c {
	case catalog.Employees:
		return colorEmployees
	case catalog.Clients:
		return colorClients
	case catalog.Ads:
		return colorAds
	}
	return colorOther
}

// parseHex reads a stage color such as "#39A8EF" or "39a8ef".
func parseHex(s string) (color.NRGBA, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return rgb(uint32(v)), true
}

// stageColor is a stage's header color, or a neutral one when the portal gave none.
func stageColor(s string) color.NRGBA {
	if c, ok := parseHex(s); ok {
		return c
	}
	return rgb(0xa8b0b8)
}

// textOn picks dark or white text for a background, by its perceived lightness.
func textOn(bg color.NRGBA) color.Color {
	l := 0.299*float64(bg.R) + 0.587*float64(bg.G) + 0.114*float64(bg.B)
	if l > 170 {
		return rgb(0x1f2933)
	}
	return color.White
}

// faded is c at the given opacity.
func faded(c color.Color, alpha uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(alpha) / 255)
	return n
}

// mutedText is the color of secondary text.
func mutedText() color.Color { return themeColor(theme.ColorNamePlaceHolder) }
