package ui

import (
	"image/color"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// deskTheme is Fyne's default theme with the board's own colors. It is light unless the user
// asked Fyne for dark (FYNE_THEME=dark): CRM admins know the portal's light board, and the
// stage colors they picked were chosen against white.
type deskTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func newTheme() fyne.Theme {
	v := theme.VariantLight
	if os.Getenv("FYNE_THEME") == "dark" {
		v = theme.VariantDark
	}
	return &deskTheme{Theme: theme.DefaultTheme(), variant: v}
}

// Color implements fyne.Theme.
func (t *deskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := palette[n]; ok {
		if t.variant == theme.VariantDark {
			return c[1]
		}
		return c[0]
	}
	if n == theme.ColorNameBackground && t.variant == theme.VariantLight {
		return rgb(0xfbfcfd)
	}
	return t.Theme.Color(n, t.variant)
}
