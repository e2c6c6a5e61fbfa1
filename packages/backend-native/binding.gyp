{
  "target_defaults": {
    "cflags_cc!": ["-fno-exceptions"],
    "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-fvisibility=hidden", "-fPIC", "-Wno-unused-function"],
    "xcode_settings": {
      "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O3", "-fno-math-errno"],
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES"
    }
  },
  "targets": [
    {
      "target_name": "mlp_native",
      "sources": ["native/addon.cc", "native/pool.cc", "native/kern_base.cc"],
      "libraries": ["-lpthread"],
      "conditions": [
        ["target_arch=='x64'", {"dependencies": ["mlpn_avx512", "mlpn_avx2"]}]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "mlpn_avx512",
          "type": "static_library",
          "sources": ["native/kern_avx512.cc"],
          "cflags_cc": ["-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx2", "-mfma", "-mf16c"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx2", "-mfma"]}
        },
        {
          "target_name": "mlpn_avx2",
          "type": "static_library",
          "sources": ["native/kern_avx2.cc"],
          "cflags_cc": ["-mavx2", "-mfma", "-mf16c"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma"]}
        }
      ]
    }]
  ]
}
