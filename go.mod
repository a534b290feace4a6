module robodesk

go 1.24.0

require (
	fyne.io/fyne/v2 v2.7.2
	github.com/google/uuid v1.6.0
	github.com/mattn/go-sqlite3 v1.14.52
)
