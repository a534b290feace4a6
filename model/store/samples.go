package store

import (
	"fmt"

	"robodesk/assets"
	"robodesk/model/sample"
)

// putDemoSamples stores the demo's sample records, one document per entity.
func (s *Store) putDemoSamples() error {
	all, err := assets.DemoSamples()
	if err != nil {
		return fmt.Errorf("demo samples: %w", err)
	}
	return sample.SaveAll(s, all)
}
