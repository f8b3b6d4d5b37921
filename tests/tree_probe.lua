-- A post-dissector that asks for no fields and writes, for every frame,
-- whether tshark handed it a protocol tree (tests/test_disabled.py).
-- TreeItem's text form says "has subtree=true" when there is a tree.
local probe = Proto("tree_probe", "Tree probe (tests)")
function probe.dissector(tvb, pinfo, tree)
    local has = tostring(tree):match("has subtree=(%a+)") or "unknown"
    io.stderr:write(string.format("tree_probe frame %d tree %s\n", pinfo.number, has))
end
register_postdissector(probe)
