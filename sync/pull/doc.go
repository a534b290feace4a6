// Package pull reads a Bitrix24 portal into RoboDesk: the reference data robots refer to
// (pipelines, stages, fields, users, departments) as a model.Portal snapshot, and, through the
// RoboDesk connector, the robot templates of stages, which it can also write back under
// optimistic concurrency.
//
// Reference data comes from Bitrix24's official methods, batched: a pull costs a few HTTP
// requests however large the portal, about one per 50 commands plus one per dependency level
// (types → categories → stages). Robots need the connector (docs/portal-protocol.md); on a
// portal without it Pull still works and the template functions fail with
// bitrix24.ErrNoConnector, so the application can say that robots can only be exported there.
package pull
