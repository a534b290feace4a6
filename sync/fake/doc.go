// Package fake is an in-process Bitrix24 portal for tests and demos.
//
// It answers the REST methods RoboDesk pulls reference data with (crm.type.list,
// crm.category.list, crm.status.list, crm.status.entity.items, crm.lead.fields, crm.deal.fields,
// crm.item.fields, crm.enum.ownertype, crm.currency.base.get, user.get, department.get,
// server.time), batch, and the RoboDesk connector (robodesk.connector.info and
// robodesk.automation.template.list/get/set, docs/portal-protocol.md), in Bitrix24's envelope with
// its pagination, error codes and HTTP statuses.
//
// Like a cloud portal it checks the incoming webhook (/rest/<user>/<code>/<method>) or an OAuth
// access token with a short life, and keeps a leaky bucket (2 requests a second, burst 50) that
// answers 503 QUERY_LIMIT_EXCEEDED when overflowed. Unlike one, it can misbehave on purpose:
// a share of requests is refused with QUERY_LIMIT_EXCEEDED, fails with HTTP 500, has its
// connection dropped, answers slowly, or does the work and loses the answer. Stats counts all of
// it, so tests can check, for instance, that a client with its own limiter never made the portal
// refuse a request.
package fake
