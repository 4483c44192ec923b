-- wrk script: the same URL mix as GenerateGets.java, one request after another per connection.
local i = 0
request = function()
  local n = i
  i = i + 1
  local m = n % 4
  local path
  if m == 0 then path = "/api/items/" .. (n % 5000)
  elseif m == 1 then path = "/api/items/" .. (n % 5000) .. "?page=" .. (n % 17) .. "&sort=price"
  elseif m == 2 then path = "/search?q=term" .. (n % 997) .. "&lang=en"
  else path = "/static/app." .. (n % 50) .. ".js" end
  return wrk.format("GET", path, {["Host"] = "shop.example.com", ["User-Agent"] = "bench/1.0", ["Accept"] = "*/*"})
end
