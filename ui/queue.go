package ui

import (
	"sync"
	"sync/atomic"

	"robodesk/model"
)

// changeQueue hands the document's change announcements to the UI thread. The document calls
// its listeners on whichever goroutine made the change: the views' own edits drain the queue
// right after the edit returns, while a change made elsewhere (a sync) asks for a drain through
// fyne.Do. Pushing before reading own, and leaving before draining, means no change is stranded.
type changeQueue struct {
	mu      sync.Mutex
	pending []model.Change
	own     atomic.Int32
}

// push queues a change; schedule is true when no own edit is under way to drain it.
func (q *changeQueue) push(ch model.Change) (schedule bool) {
	q.mu.Lock()
	q.pending = append(q.pending, ch)
	q.mu.Unlock()
	return q.own.Load() == 0
}

// take removes and returns the queued changes.
func (q *changeQueue) take() []model.Change {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.pending
	q.pending = nil
	return out
}

// enter and leave bracket an edit the UI thread makes itself.
func (q *changeQueue) enter() { q.own.Add(1) }
func (q *changeQueue) leave() { q.own.Add(-1) }
