// Package assets holds RoboDesk's bundled resources: the demo project, translations and icons.
package assets
