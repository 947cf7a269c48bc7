#!/bin/bash
# The .deb's post-removal script: electron-builder's own (the /usr/bin link), plus removing
# the AppArmor profile after-install.tpl added. On an upgrade the new version's post-install
# script runs afterwards and puts the profile back.

# Delete the link to the binary
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/usr/bin/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

if [ -f '/etc/apparmor.d/${executable}' ]; then
    if hash apparmor_parser 2>/dev/null; then
        apparmor_parser --remove '/etc/apparmor.d/${executable}' || true
    fi
    rm -f '/etc/apparmor.d/${executable}'
fi
