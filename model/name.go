package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
)

// newName makes an activity name the way Bitrix24 does, 'A' and four groups of five random
// digits (A12345_67890_13579_24680), avoiding the taken ones.
func newName(taken map[string]bool) string {
	for {
		n := fmt.Sprintf("A%05d_%05d_%05d_%05d", 10000+rand.IntN(90000), 10000+rand.IntN(90000),
			10000+rand.IntN(90000), 10000+rand.IntN(90000))
		if !taken[n] {
			return n
		}
	}
}

// NewName returns a fresh activity name not in taken.
func NewName(taken map[string]bool) string { return newName(taken) }

// Equal reports whether two robots have the same Bitrix24 content; ID and Pos don't count.
func Equal(a, b *Robot) bool {
	if a == nil || b == nil {
		return a == b
	}
	ja, err1 := a.MarshalJSON()
	jb, err2 := b.MarshalJSON()
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func metaEqual(a, b StageMeta) bool { return reflect.DeepEqual(a, b) }
