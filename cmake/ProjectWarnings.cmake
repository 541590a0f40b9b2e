# Warnings as errors for project code only; third-party headers come in as SYSTEM.
function(jiayi_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()
