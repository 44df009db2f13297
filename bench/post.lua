-- wrk script: each request sends the next prepared form post from a file of lines
-- "cookies<TAB>path<TAB>body". Every line is a different learner with their own session
-- and CSRF token; each thread takes every n-th line, so no two threads send the same post.
-- Arguments: the file, the number of threads, and "reverse" for the warm-up run, which
-- takes the lines from the end so that the measured run starts with posts not yet sent.
local counter = 0
local requests = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local threads = tonumber(args[2])
  local index = 0
  for line in io.lines(args[1]) do
    if index % threads == thread_number then
      local cookie, path, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      local post = wrk.format("POST", path, {
        ["Cookie"] = cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, body)
      if args[3] == "reverse" then
        table.insert(requests, 1, post)
      else
        requests[#requests + 1] = post
      end
    end
    index = index + 1
  end
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end
