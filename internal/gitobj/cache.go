package gitobj

import "container/list"

// baseCache keeps recently rebuilt delta bases, so that the objects of one delta
// chain (successive versions of a file) do not rebuild the whole chain each. It is
// bounded in bytes: the gate keeps the blobs it needs itself, the cache only has to
// hold the bases of the chains being read.
type baseCache struct {
	max, used int
	lru       *list.List // of *cached, most recent first
	byKey     map[baseKey]*list.Element
}

type baseKey struct {
	pack *pack
	off  int64
}

type cached struct {
	key  baseKey
	typ  Type
	data []byte
}

func newBaseCache(max int) *baseCache {
	return &baseCache{max: max, lru: list.New(), byKey: map[baseKey]*list.Element{}}
}

func (c *baseCache) get(k baseKey) (Type, []byte, bool) {
	e, ok := c.byKey[k]
	if !ok {
		return 0, nil, false
	}
	c.lru.MoveToFront(e)
	v := e.Value.(*cached)
	return v.typ, v.data, true
}

func (c *baseCache) add(k baseKey, t Type, data []byte) {
	if len(data) > c.max/4 {
		return // one large object would push out every other base
	}
	if _, ok := c.byKey[k]; ok {
		return
	}
	c.byKey[k] = c.lru.PushFront(&cached{key: k, typ: t, data: data})
	c.used += len(data)
	for c.used > c.max {
		last := c.lru.Back()
		v := last.Value.(*cached)
		c.lru.Remove(last)
		delete(c.byKey, v.key)
		c.used -= len(v.data)
	}
}
