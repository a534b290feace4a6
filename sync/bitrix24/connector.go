package bitrix24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Methods of the RoboDesk connector, a portal-side extension that reads and writes the robots of a
// stage in Bitrix24's own ROBOTS JSON (docs/portal-protocol.md). Bitrix24 itself has no such
// methods.
const (
	MethodConnectorInfo = "robodesk.connector.info"
	MethodTemplateList  = "robodesk.automation.template.list"
	MethodTemplateGet   = "robodesk.automation.template.get"
	MethodTemplateSet   = "robodesk.automation.template.set"
)

// ConnectorProtocol is the protocol version this client speaks.
const ConnectorProtocol = 1

// Capabilities a connector may announce.
const (
	CapTemplateList = "template.list"
	CapTemplateGet  = "template.get"
	CapTemplateSet  = "template.set"
)

// ConnectorInfo is what robodesk.connector.info answers.
type ConnectorInfo struct {
	// Version is the connector's own release, e.g. "1.0.0".
	Version string
	// Protocol is the protocol version it speaks.
	Protocol int
	// Capabilities lists the operations it supports.
	Capabilities []string
}

// Has reports whether the connector announced capability.
func (i *ConnectorInfo) Has(capability string) bool {
	for _, c := range i.Capabilities {
		if c == capability {
			return true
		}
	}
	return false
}

// ConnectorInfo asks the portal for its RoboDesk connector. A portal without one (the method is
// unknown there) gives an error matching ErrNoConnector; any other failure, such as bad
// credentials, is returned as is.
func (c *Client) ConnectorInfo(ctx context.Context) (*ConnectorInfo, error) {
	var wire struct {
		Version      String   `json:"VERSION"`
		Protocol     Int      `json:"PROTOCOL"`
		Capabilities []String `json:"CAPABILITIES"`
	}
	err := c.Call(ctx, MethodConnectorInfo, nil, &wire)
	if errors.Is(err, ErrMethodNotFound) {
		return nil, fmt.Errorf("%s: %w", c.host, ErrNoConnector)
	}
	if err != nil {
		return nil, err
	}
	info := &ConnectorInfo{Version: string(wire.Version), Protocol: int(wire.Protocol)}
	for _, s := range wire.Capabilities {
		info.Capabilities = append(info.Capabilities, string(s))
	}
	return info, nil
}

// Ping checks that the portal answers and accepts the credentials, with the cheapest method there
// is (server.time).
func (c *Client) Ping(ctx context.Context) error {
	var t json.RawMessage
	return c.Call(ctx, "server.time", nil, &t)
}
